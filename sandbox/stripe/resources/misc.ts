/** /v1/billing_portal/sessions, /v1/events, /v1/webhook_endpoints, /v1/test_helpers/test_clocks. */
import type { Sandbox } from '../core.ts';
import { previousAttributes } from '../core.ts';
import { applyMetadata, bool, clone, errors, int, newId, randomString, str, type Obj } from '../protocol.ts';
import { advanceClock } from '../billing.ts';
import { out, outList, type Router } from '../router.ts';

const PORTAL_CONFIGURATION = 'bpc_1SandboxDefaultConfig0';

export function installMisc(router: Router, sb: Sandbox): void {
  void sb;
  // ----- billing portal -----
  router.on('POST', '/v1/billing_portal/sessions', (req) => {
    const s = req.sb;
    const customer = s.store.require(str(req.params, 'customer', { required: true }), 'customer', 'customer');
    const id = newId('bps');
    const session: Obj = {
      id,
      object: 'billing_portal.session',
      configuration: str(req.params, 'configuration') ?? PORTAL_CONFIGURATION,
      created: s.realNow(),
      customer: customer.id,
      customer_account: null,
      flow: null,
      livemode: false,
      locale: str(req.params, 'locale') ?? null,
      on_behalf_of: null,
      return_url: str(req.params, 'return_url') ?? null,
      url: `${s.publicUrl}/portal/${id}`,
    };
    s.store.put(session);
    return out(req, session);
  });

  // ----- events -----
  router.on('GET', '/v1/events/:id', (req) => out(req, req.sb.store.require(req.args[0], 'event')));
  router.on('GET', '/v1/events', (req) => {
    const { params } = req;
    const type = str(params, 'type');
    const types = Array.isArray(params.types) ? (params.types as string[]) : null;
    const created = typeof params.created === 'object' && params.created ? (params.created as Obj) : null;
    const createdEq = typeof params.created === 'string' ? Number(params.created) : null;
    const matchType = (t: string) =>
      (!type || (type.endsWith('*') ? t.startsWith(type.slice(0, -1)) : t === type)) && (!types || types.includes(t));
    const items = req.sb.store.all('event', (e) => {
      if (!matchType(e.type)) return false;
      if (createdEq !== null && e.created !== createdEq) return false;
      if (created) {
        if (created.gte !== undefined && e.created < Number(created.gte)) return false;
        if (created.gt !== undefined && e.created <= Number(created.gt)) return false;
        if (created.lte !== undefined && e.created > Number(created.lte)) return false;
        if (created.lt !== undefined && e.created >= Number(created.lt)) return false;
      }
      return true;
    });
    return outList(req, items, '/v1/events');
  });

  // ----- webhook endpoints -----
  router.on('POST', '/v1/webhook_endpoints', (req) => {
    const s = req.sb;
    const url = str(req.params, 'url', { required: true })!;
    validateUrl(url);
    const enabled = enabledEvents(req.params.enabled_events, true)!;
    const secret = `whsec_${randomString(32)}`;
    const endpoint: Obj = {
      id: newId('we'),
      object: 'webhook_endpoint',
      api_version: str(req.params, 'api_version') ?? null,
      application: null,
      created: s.realNow(),
      description: str(req.params, 'description') ?? null,
      enabled_events: enabled,
      livemode: false,
      metadata: applyMetadata({}, req.params.metadata),
      status: 'enabled',
      url,
    };
    s.store.put(endpoint, { secret });
    return { ...out(req, endpoint), secret };
  });
  router.on('GET', '/v1/webhook_endpoints/:id', (req) =>
    out(req, req.sb.store.require(req.args[0], 'webhook_endpoint', 'webhook_endpoint')),
  );
  router.on('GET', '/v1/webhook_endpoints', (req) => outList(req, req.sb.store.all('webhook_endpoint'), '/v1/webhook_endpoints'));
  router.on('POST', '/v1/webhook_endpoints/:id', (req) => {
    const s = req.sb;
    const ep = s.store.require(req.args[0], 'webhook_endpoint', 'webhook_endpoint');
    const before = clone(ep);
    const url = str(req.params, 'url');
    if (url) {
      validateUrl(url);
      ep.url = url;
    }
    const enabled = enabledEvents(req.params.enabled_events, false);
    if (enabled) ep.enabled_events = enabled;
    const disabled = bool(req.params, 'disabled');
    if (disabled !== undefined) ep.status = disabled ? 'disabled' : 'enabled';
    if (req.params.description !== undefined) ep.description = str(req.params, 'description') ?? null;
    ep.metadata = applyMetadata(ep.metadata, req.params.metadata);
    s.store.put(ep);
    void previousAttributes(before, ep);
    return out(req, ep);
  });
  router.on('DELETE', '/v1/webhook_endpoints/:id', (req) => {
    const ep = req.sb.store.require(req.args[0], 'webhook_endpoint', 'webhook_endpoint');
    req.sb.store.remove(ep.id);
    return { id: ep.id, object: 'webhook_endpoint', deleted: true };
  });

  // ----- test clocks -----
  router.on('POST', '/v1/test_helpers/test_clocks', (req) => {
    const s = req.sb;
    const frozen = int(req.params, 'frozen_time', { required: true })!;
    const now = s.realNow();
    const clock: Obj = {
      id: newId('clock'),
      object: 'test_helpers.test_clock',
      created: now,
      deletes_after: now + 30 * 86_400,
      frozen_time: frozen,
      livemode: false,
      name: str(req.params, 'name') ?? null,
      status: 'ready',
      status_details: {},
    };
    s.store.put(clock);
    s.emit('test_helpers.test_clock.created', s.render(clock));
    return out(req, clock);
  });
  router.on('GET', '/v1/test_helpers/test_clocks/:id', (req) =>
    out(req, req.sb.store.require(req.args[0], 'test_helpers.test_clock', 'test_clock')),
  );
  router.on('GET', '/v1/test_helpers/test_clocks', (req) =>
    outList(req, req.sb.store.all('test_helpers.test_clock'), '/v1/test_helpers/test_clocks'),
  );
  router.on('POST', '/v1/test_helpers/test_clocks/:id/advance', (req) => {
    const clock = req.sb.store.require(req.args[0], 'test_helpers.test_clock', 'test_clock');
    const target = int(req.params, 'frozen_time', { required: true })!;
    return req.sb.expand(advanceClock(req.sb, clock, target), req.expand);
  });
  router.on('DELETE', '/v1/test_helpers/test_clocks/:id', (req) => {
    const s = req.sb;
    const clock = s.store.require(req.args[0], 'test_helpers.test_clock', 'test_clock');
    const snapshot = s.render(clock);
    for (const c of s.store.all('customer', (x) => x.test_clock === clock.id)) {
      c.deleted = true;
      s.store.put(c);
    }
    s.store.remove(clock.id);
    s.emit('test_helpers.test_clock.deleted', snapshot);
    return { id: clock.id, object: 'test_helpers.test_clock', deleted: true };
  });
}

function validateUrl(url: string): void {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol');
  } catch {
    throw errors.badValue('url', `Invalid URL: ${url}`);
  }
}

function enabledEvents(v: unknown, required: boolean): string[] | null {
  if (v === undefined || v === '') {
    if (required) throw errors.missing('enabled_events');
    return null;
  }
  const list = Array.isArray(v) ? v : typeof v === 'string' ? [v] : null;
  if (!list || list.some((x) => typeof x !== 'string') || list.length === 0) throw errors.badValue('enabled_events', 'Invalid array');
  return list as string[];
}
