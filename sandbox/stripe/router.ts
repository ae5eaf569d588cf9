/** Minimal method + path router for the /v1 API. */
import type { Sandbox } from './core.ts';
import { expandList, paginate, type Obj } from './protocol.ts';

export interface ApiRequest {
  method: string;
  path: string;
  params: Obj;
  /** Path parameters in order (`/v1/customers/:id` → [id]). */
  args: string[];
  expand: string[];
  sb: Sandbox;
}

export type Handler = (req: ApiRequest) => Obj;

interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

export class Router {
  private routes: Route[] = [];

  on(method: string, path: string, handler: Handler): this {
    const pattern = new RegExp('^' + path.replace(/:[a-z_]+/g, '([^/]+)') + '/?$');
    this.routes.push({ method, pattern, handler });
    return this;
  }

  match(method: string, path: string): { handler: Handler; args: string[] } | null {
    for (const r of this.routes) {
      if (r.method !== method) continue;
      const m = r.pattern.exec(path);
      if (m) return { handler: r.handler, args: m.slice(1).map((s) => decodeURIComponent(s)) };
    }
    return null;
  }
}

/** Render a stored object and apply the request's `expand[]`. */
export function out(req: ApiRequest, stored: Obj): Obj {
  return req.sb.expand(req.sb.render(stored), req.expand);
}

/** Render a page of stored objects as a Stripe list (expand paths apply as `data.x`). */
export function outList(req: ApiRequest, items: Obj[], url: string): Obj {
  const page = paginate(items, req.params, url);
  page.data = page.data.map((o: Obj) => req.sb.render(o));
  return req.sb.expand(page, req.expand);
}

export { expandList };
