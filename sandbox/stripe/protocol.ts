/**
 * Wire protocol helpers: Stripe-style form decoding (bracket notation), errors in
 * Stripe's shape, ids, list pagination and parameter coercion.
 */
import { randomBytes } from 'node:crypto';

/** A JSON object as it goes over the wire. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Obj = Record<string, any>;

export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly type: string,
    message: string,
    public readonly code?: string,
    public readonly param?: string,
    public readonly declineCode?: string,
  ) {
    super(message);
  }

  toJSON(): Obj {
    const error: Obj = { type: this.type, message: this.message };
    if (this.code) error.code = this.code;
    if (this.param) error.param = this.param;
    if (this.declineCode) error.decline_code = this.declineCode;
    if (this.code) error.doc_url = `https://stripe.com/docs/error-codes/${this.code.replace(/_/g, '-')}`;
    return { error };
  }
}

export const errors = {
  missing: (param: string) => new ApiError(400, 'invalid_request_error', `Missing required param: ${param}.`, 'parameter_missing', param),
  invalid: (param: string, message: string, code = 'parameter_invalid_empty') =>
    new ApiError(400, 'invalid_request_error', message, code, param),
  badValue: (param: string, message: string) => new ApiError(400, 'invalid_request_error', message, undefined, param),
  unknownParam: (param: string) =>
    new ApiError(400, 'invalid_request_error', `Received unknown parameter: ${param}`, 'parameter_unknown', param),
  notFound: (kind: string, id: string, param = 'id') =>
    new ApiError(404, 'invalid_request_error', `No such ${kind}: '${id}'`, 'resource_missing', param),
  noRoute: (method: string, path: string) =>
    new ApiError(
      404,
      'invalid_request_error',
      `Unrecognized request URL (${method}: ${path}). This local Stripe stand-in does not implement it.`,
    ),
  card: (declineCode: string, message: string, code = 'card_declined') =>
    new ApiError(402, 'card_error', message, code, undefined, code === 'card_declined' ? declineCode : undefined),
  auth: (message: string) => new ApiError(401, 'invalid_request_error', message),
  state: (message: string, param?: string) => new ApiError(400, 'invalid_request_error', message, undefined, param),
  idempotency: (message: string) => new ApiError(400, 'idempotency_error', message),
};

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomString(len: number, alphabet = ALNUM): string {
  const bytes = randomBytes(len);
  let s = '';
  for (let i = 0; i < len; i++) s += alphabet[bytes[i]! % alphabet.length];
  return s;
}

/** Ids like Stripe's: prefix + '_' + 14..24 alphanumerics (checkout sessions: cs_test_ + 58). */
export function newId(prefix: string): string {
  if (prefix === 'cs') return `cs_test_a1${randomString(56)}`;
  if (prefix === 'cus' || prefix === 'prod') return `${prefix}_${randomString(14)}`;
  return `${prefix}_1${randomString(23)}`;
}

type Tree = Obj;

/** Decodes `a[b][0][c]=x&expand[]=y` into nested objects/arrays the way Stripe (qs) does. */
export function parseForm(input: string): Obj {
  const root: Tree = {};
  if (!input) return root;
  for (const part of input.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const rawKey = eq === -1 ? part : part.slice(0, eq);
    const rawVal = eq === -1 ? '' : part.slice(eq + 1);
    const key = safeDecode(rawKey.replace(/\+/g, ' '));
    const value = safeDecode(rawVal.replace(/\+/g, ' '));
    const m = /^([^[\]]+)((?:\[[^\]]*\])*)$/.exec(key);
    if (!m) {
      root[key] = value;
      continue;
    }
    const segs = [m[1]!, ...[...m[2]!.matchAll(/\[([^\]]*)\]/g)].map((x) => x[1]!)];
    let node: Tree = root;
    for (let i = 0; i < segs.length; i++) {
      let seg = segs[i]!;
      if (seg === '') seg = String(Object.keys(node).length); // `[]` appends
      if (i === segs.length - 1) {
        node[seg] = value;
      } else {
        if (typeof node[seg] !== 'object' || node[seg] === null) node[seg] = {};
        node = node[seg] as Tree;
      }
    }
  }
  return arrayify(root, '') as Obj;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Objects whose keys are all integers become arrays (except under `metadata`). */
function arrayify(v: unknown, key: string): unknown {
  if (typeof v !== 'object' || v === null) return v;
  const o = v as Obj;
  const keys = Object.keys(o);
  for (const k of keys) o[k] = arrayify(o[k], k);
  if (key !== 'metadata' && keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) {
    return keys.sort((a, b) => Number(a) - Number(b)).map((k) => o[k]);
  }
  return o;
}

// ---------- parameter coercion ----------

export function str(params: Obj, name: string, opts: { required?: boolean; param?: string } = {}): string | undefined {
  const v = params[name];
  const p = opts.param ?? name;
  if (v === undefined || v === '') {
    if (opts.required) throw errors.missing(p);
    return undefined;
  }
  if (typeof v !== 'string') throw errors.badValue(p, `Invalid string: ${JSON.stringify(v)}`);
  return v;
}

export function int(params: Obj, name: string, opts: { required?: boolean; param?: string; min?: number } = {}): number | undefined {
  const v = params[name];
  const p = opts.param ?? name;
  if (v === undefined || v === '') {
    if (opts.required) throw errors.missing(p);
    return undefined;
  }
  const n = typeof v === 'number' ? v : /^-?\d+$/.test(String(v)) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n)) throw errors.badValue(p, `Invalid integer: ${String(v)}`);
  if (opts.min !== undefined && n < opts.min) {
    throw errors.badValue(p, `This value must be greater than or equal to ${opts.min}.`);
  }
  return n;
}

export function bool(params: Obj, name: string, param = name): boolean | undefined {
  const v = params[name];
  if (v === undefined || v === '') return undefined;
  if (v === true || v === 'true') return true;
  if (v === false || v === 'false') return false;
  throw errors.badValue(param, `Invalid boolean: ${String(v)}`);
}

export function oneOf<T extends string>(
  params: Obj,
  name: string,
  allowed: readonly T[],
  opts: { required?: boolean; param?: string } = {},
): T | undefined {
  const v = str(params, name, opts);
  if (v === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(v)) {
    throw errors.badValue(opts.param ?? name, `Invalid ${name}: must be one of ${allowed.join(', ')}`);
  }
  return v as T;
}

/** `metadata[k]=v`; an empty value unsets the key (as in Stripe). Max 50 keys. */
export function applyMetadata(current: Obj, input: unknown, param = 'metadata'): Obj {
  if (input === undefined) return current;
  if (input === '') return {};
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw errors.badValue(param, 'Invalid object');
  }
  const next: Obj = { ...current };
  for (const [k, v] of Object.entries(input as Obj)) {
    if (v === '' || v === null) delete next[k];
    else if (typeof v !== 'string') throw errors.badValue(`${param}[${k}]`, 'Metadata values must be strings.');
    else next[k] = v;
  }
  if (Object.keys(next).length > 50) throw errors.badValue(param, 'Metadata can have at most 50 keys.');
  return next;
}

export function expandList(params: Obj): string[] {
  const e = params.expand;
  if (e === undefined || e === '') return [];
  if (typeof e === 'string') return [e];
  if (Array.isArray(e)) return e.filter((x): x is string => typeof x === 'string');
  if (typeof e === 'object') return Object.values(e).filter((x): x is string => typeof x === 'string');
  return [];
}

/** Stripe list object with `limit` / `starting_after` / `ending_before` over newest-first items. */
export function paginate(items: Obj[], params: Obj, url: string): Obj {
  const limit = int(params, 'limit', { min: 1 }) ?? 10;
  if (limit > 100) throw errors.badValue('limit', 'This value must be less than or equal to 100.');
  const after = str(params, 'starting_after');
  const before = str(params, 'ending_before');
  let data: Obj[];
  let hasMore: boolean;
  if (after) {
    const i = items.findIndex((x) => x.id === after);
    if (i === -1) throw errors.notFound('object', after, 'starting_after');
    const rest = items.slice(i + 1);
    data = rest.slice(0, limit);
    hasMore = rest.length > limit;
  } else if (before) {
    const i = items.findIndex((x) => x.id === before);
    if (i === -1) throw errors.notFound('object', before, 'ending_before');
    const head = items.slice(0, i);
    data = head.slice(Math.max(0, head.length - limit));
    hasMore = head.length > limit;
  } else {
    data = items.slice(0, limit);
    hasMore = items.length > limit;
  }
  return { object: 'list', data, has_more: hasMore, url };
}

export function listOf(data: Obj[], url: string): Obj {
  return { object: 'list', data, has_more: false, url };
}

export function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

export function escapeHtml(s: unknown): string {
  return String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
