/** /v1/products and /v1/prices. */
import { previousAttributes, type Sandbox } from '../core.ts';
import { applyMetadata, bool, clone, errors, int, oneOf, str, type Obj } from '../protocol.ts';
import { priceObject, productObject } from '../objects.ts';
import { out, outList, type Router } from '../router.ts';

const INTERVALS = ['day', 'week', 'month', 'year'] as const;

export function createProduct(sb: Sandbox, params: Obj, param = ''): Obj {
  const p = (name: string) => (param ? `${param}[${name}]` : name);
  const name = str(params, 'name', { required: true, param: p('name') })!;
  const id = str(params, 'id');
  if (id && sb.store.get(id)) throw errors.state(`Product already exists.`, 'id');
  const product = productObject({
    id,
    created: sb.realNow(),
    name,
    description: str(params, 'description') ?? null,
    metadata: applyMetadata({}, params.metadata, p('metadata')),
    active: bool(params, 'active', p('active')),
  });
  sb.store.put(product);
  sb.emit('product.created', sb.render(product));
  return product;
}

/**
 * Creates a price from `params` (API body, or `line_items[i][price_data]` with `param` as the prefix).
 * Inline prices (from price_data) are hidden from GET /v1/prices like in Stripe.
 */
export function createPrice(sb: Sandbox, params: Obj, opts: { param?: string; inline?: boolean } = {}): Obj {
  const prefix = opts.param;
  const p = (name: string) => (prefix ? `${prefix}[${name}]` : name);
  const currency = str(params, 'currency', { required: true, param: p('currency') })!.toLowerCase();
  if (!/^[a-z]{3}$/.test(currency)) throw errors.badValue(p('currency'), `Invalid currency: ${currency}`);
  let productId = str(params, 'product', { param: p('product') });
  if (productId) {
    sb.store.require(productId, 'product', p('product'));
  } else if (params.product_data && typeof params.product_data === 'object') {
    productId = createProduct(sb, params.product_data, p('product_data')).id as string;
  } else {
    throw errors.missing(p('product'));
  }
  const unitAmount =
    int(params, 'unit_amount', { min: 0, param: p('unit_amount') }) ??
    (params.unit_amount_decimal !== undefined ? Math.round(Number(params.unit_amount_decimal)) : undefined);
  if (unitAmount === undefined || Number.isNaN(unitAmount)) throw errors.missing(p('unit_amount'));
  let recurring: { interval: string; interval_count: number } | null = null;
  if (params.recurring !== undefined && params.recurring !== '') {
    if (typeof params.recurring !== 'object') throw errors.badValue(p('recurring'), 'Invalid object');
    const interval = oneOf(params.recurring, 'interval', INTERVALS, { required: true, param: `${p('recurring')}[interval]` })!;
    const count = int(params.recurring, 'interval_count', { min: 1, param: `${p('recurring')}[interval_count]` }) ?? 1;
    recurring = { interval, interval_count: count };
  }
  const price = priceObject({
    created: sb.realNow(),
    product: productId,
    currency,
    unit_amount: unitAmount,
    recurring,
    nickname: str(params, 'nickname') ?? null,
    lookup_key: str(params, 'lookup_key') ?? null,
    metadata: applyMetadata({}, params.metadata, p('metadata')),
    active: bool(params, 'active', p('active')),
  });
  sb.store.put(price, opts.inline ? { inline: true } : undefined);
  sb.emit('price.created', sb.render(price));
  return price;
}

export function installCatalog(router: Router): void {
  router.on('POST', '/v1/products', (req) => out(req, createProduct(req.sb, req.params)));
  router.on('GET', '/v1/products/:id', (req) => out(req, req.sb.store.require(req.args[0], 'product')));
  router.on('POST', '/v1/products/:id', (req) => {
    const { sb, params } = req;
    const product = sb.store.require(req.args[0], 'product');
    const before = clone(product);
    if (params.name !== undefined) product.name = str(params, 'name', { required: true });
    if (params.description !== undefined) product.description = str(params, 'description') ?? null;
    const active = bool(params, 'active');
    if (active !== undefined) product.active = active;
    if (params.default_price !== undefined) {
      const dp = str(params, 'default_price');
      if (dp) sb.store.require(dp, 'price', 'default_price');
      product.default_price = dp ?? null;
    }
    product.metadata = applyMetadata(product.metadata, params.metadata);
    const prev = previousAttributes(before, product);
    if (Object.keys(prev).length) {
      product.updated = sb.realNow();
      sb.store.put(product);
      sb.emit('product.updated', sb.render(product), prev);
    }
    return out(req, product);
  });
  router.on('GET', '/v1/products', (req) => {
    const active = bool(req.params, 'active');
    const ids = Array.isArray(req.params.ids) ? (req.params.ids as string[]) : null;
    const items = req.sb.store.all('product', (p) => (active === undefined || p.active === active) && (!ids || ids.includes(p.id)));
    return outList(req, items, '/v1/products');
  });
  router.on('DELETE', '/v1/products/:id', (req) => {
    const { sb } = req;
    const product = sb.store.require(req.args[0], 'product');
    if (sb.store.all('price', (p) => p.product === product.id).length) {
      throw errors.state('This product cannot be deleted because it has one or more user-created prices.');
    }
    const snapshot = sb.render(product);
    sb.store.remove(product.id);
    sb.emit('product.deleted', snapshot);
    return { id: product.id, object: 'product', deleted: true };
  });

  router.on('POST', '/v1/prices', (req) => out(req, createPrice(req.sb, req.params)));
  router.on('GET', '/v1/prices/:id', (req) => out(req, req.sb.store.require(req.args[0], 'price')));
  router.on('POST', '/v1/prices/:id', (req) => {
    const { sb, params } = req;
    const price = sb.store.require(req.args[0], 'price');
    const before = clone(price);
    const active = bool(params, 'active');
    if (active !== undefined) price.active = active;
    if (params.nickname !== undefined) price.nickname = str(params, 'nickname') ?? null;
    if (params.lookup_key !== undefined) price.lookup_key = str(params, 'lookup_key') ?? null;
    price.metadata = applyMetadata(price.metadata, params.metadata);
    const prev = previousAttributes(before, price);
    if (Object.keys(prev).length) {
      sb.store.put(price);
      sb.emit('price.updated', sb.render(price), prev);
    }
    return out(req, price);
  });
  router.on('GET', '/v1/prices', (req) => {
    const { params, sb } = req;
    const product = str(params, 'product');
    const active = bool(params, 'active');
    const currency = str(params, 'currency')?.toLowerCase();
    const type = str(params, 'type');
    const interval = params.recurring?.interval as string | undefined;
    const lookupKeys = Array.isArray(params.lookup_keys) ? (params.lookup_keys as string[]) : null;
    const items = sb.store.all(
      'price',
      (p) =>
        !sb.store.meta(p.id).inline &&
        (!product || p.product === product) &&
        (active === undefined || p.active === active) &&
        (!currency || p.currency === currency) &&
        (!type || p.type === type) &&
        (!interval || p.recurring?.interval === interval) &&
        (!lookupKeys || lookupKeys.includes(p.lookup_key)),
    );
    return outList(req, items, '/v1/prices');
  });
}
