/**
 * Server-rendered hosted pages (no JavaScript): Checkout, the customer portal,
 * hosted invoices and receipts. Every page is marked as the local test stand-in.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Sandbox } from './core.ts';
import { ApiError, errors, escapeHtml as h, parseForm, type Obj } from './protocol.ts';
import { formatMoney, paymentMethodObject, TEST_CARDS } from './objects.ts';
import { attemptInvoicePayment, cardFailure, subscriptionItems } from './billing.ts';
import { completeCheckout, sessionLineItems, successRedirect, type CardInput } from './resources/checkout.ts';
import { attachPaymentMethod, setDefaultPaymentMethod } from './resources/customers.ts';
import { updateSubscription } from './resources/subscriptions.ts';
import { normaliseIban, SEPA_TEST_IBANS, type SepaInput } from './sepa.ts';
import { pausedNote } from './resources/pause.ts';

const STYLE = `
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;background:#f6f8fa;color:#1a1f36}
.banner{background:#ffde92;color:#5c3c00;text-align:center;padding:6px;font-weight:600;font-size:14px}
main{max-width:640px;margin:24px auto;background:#fff;border-radius:8px;padding:24px;box-shadow:0 1px 3px rgba(0,0,0,.1)}
h1{font-size:22px;margin-top:0} h2{font-size:18px}
label{display:block;margin-top:12px;font-weight:600;font-size:14px}
input,select{display:block;width:100%;box-sizing:border-box;padding:8px;margin-top:4px;font-size:16px;border:1px solid #c9d1d9;border-radius:4px}
.row{display:flex;gap:12px}.row>div{flex:1}
button{margin-top:16px;padding:10px 16px;font-size:16px;background:#635bff;color:#fff;border:0;border-radius:4px;cursor:pointer}
button.secondary{background:#fff;color:#635bff;border:1px solid #635bff}
.error{color:#b3093c;background:#fde8ec;padding:8px;border-radius:4px}
.notice{color:#0a5c36;background:#e3f9ec;padding:8px;border-radius:4px}
table{width:100%;border-collapse:collapse}td,th{text-align:left;padding:6px;border-bottom:1px solid #eee}
.muted{color:#697386;font-size:14px}
section{border-top:1px solid #eee;margin-top:16px;padding-top:8px}
`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${h(title)} — TEST MODE</title><style>${STYLE}</style></head>
<body><div class="banner" role="note">TEST MODE — local Stripe stand-in</div>
<main>${body}</main></body></html>`;
}

function send(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(html);
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(303, { Location: location });
  res.end();
}

function readForm(req: IncomingMessage): Promise<Obj> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => resolve(parseForm(body)));
    req.on('error', reject);
  });
}

function intervalLabel(price: Obj): string {
  if (!price.recurring) return '';
  const { interval, interval_count: n } = price.recurring as { interval: string; interval_count: number };
  return n === 1 ? ` per ${interval}` : ` every ${n} ${interval}s`;
}

function date(ts: number | null | undefined): string {
  return ts ? new Date(ts * 1000).toISOString().slice(0, 10) : '—';
}

// ---------- card validation ----------

function luhn(num: string): boolean {
  let sum = 0;
  let dbl = false;
  for (let i = num.length - 1; i >= 0; i--) {
    let d = num.charCodeAt(i) - 48;
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    dbl = !dbl;
  }
  return sum % 10 === 0;
}

/** Validates the card fields; returns the card or a human error message (as Checkout shows). */
export function readCard(form: Obj, needEmail: boolean): CardInput | string {
  const number = String(form.cardnumber ?? '').replace(/[\s-]/g, '');
  if (!number) return 'Your card number is incomplete.';
  if (!/^\d{12,19}$/.test(number) || !luhn(number)) return 'Your card number is invalid.';
  const exp = String(form.exp ?? '').replace(/\s/g, '');
  const m = /^(\d{1,2})\/?(\d{2}|\d{4})$/.exec(exp);
  if (!m) return "Your card's expiration date is incomplete.";
  const month = Number(m[1]);
  let year = Number(m[2]);
  if (year < 100) year += 2000;
  if (month < 1 || month > 12) return "Your card's expiration date is invalid.";
  const now = new Date();
  if (year < now.getUTCFullYear() || (year === now.getUTCFullYear() && month < now.getUTCMonth() + 1)) {
    return "Your card's expiration year is in the past.";
  }
  const cvc = String(form.cvc ?? '').trim();
  if (!/^\d{3,4}$/.test(cvc)) return "Your card's security code is incomplete.";
  const name = String(form.name ?? '').trim();
  if (!name) return 'Please enter the cardholder name.';
  let email: string | null = String(form.email ?? '').trim() || null;
  if (needEmail && (!email || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))) return 'Your email address is invalid.';
  if (!needEmail) email = null;
  if (!TEST_CARDS[number]) {
    return 'Your card was declined. Your request was in test mode, but used a non test card. For a list of valid test cards, visit: https://stripe.com/docs/testing.';
  }
  return { number, exp_month: month, exp_year: year, cvc, name, email };
}

function cardFields(values: Obj): string {
  return `
  <label for="cardnumber">Card number</label>
  <input id="cardnumber" name="cardnumber" inputmode="numeric" autocomplete="cc-number" placeholder="1234 1234 1234 1234" value="">
  <div class="row">
    <div><label for="exp">Expiry (MM / YY)</label>
    <input id="exp" name="exp" inputmode="numeric" autocomplete="cc-exp" placeholder="MM / YY" value="${h(values.exp ?? '')}"></div>
    <div><label for="cvc">CVC</label>
    <input id="cvc" name="cvc" inputmode="numeric" autocomplete="cc-csc" placeholder="CVC" value=""></div>
  </div>
  <label for="name">Cardholder name</label>
  <input id="name" name="name" autocomplete="cc-name" value="${h(values.name ?? '')}">`;
}

// ---------- checkout ----------

/** SEPA Direct Debit, when the session offers it (EUR subscriptions, sepa.ts): a choice in the same form. */
function sepaFields(values: Obj): string {
  const sepa = values.method === 'sepa_debit';
  return `<fieldset><legend>Payment method</legend>
  <label><input type="radio" name="method" value="card"${sepa ? '' : ' checked'}> Card</label>
  <label><input type="radio" name="method" value="sepa_debit"${sepa ? ' checked' : ''}> SEPA Direct Debit</label>
  </fieldset>
  <label for="iban">IBAN (SEPA Direct Debit)</label><input id="iban" name="iban" autocomplete="off" placeholder="DE89 3704 0044 0532 0130 00" value="">
  <label for="holder">Account holder name (SEPA Direct Debit)</label><input id="holder" name="holder" autocomplete="name" value="${h(values.holder ?? '')}">
  <p class="muted">By providing your IBAN you authorise this merchant to debit your account (SEPA mandate). Test IBANs: DE89 3704 0044 0532 0130 00 (succeeds after a moment), DE62 3704 0044 0532 0130 01 (fails after a moment).</p>`;
}

function readSepa(form: Obj, needEmail: boolean): SepaInput | string {
  const iban = normaliseIban(String(form.iban ?? ''));
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return 'Your IBAN is invalid.';
  if (!SEPA_TEST_IBANS[iban])
    return 'Your request was in test mode, but used a non test IBAN. Use DE89370400440532013000 or DE62370400440532013001.';
  const name = String(form.holder ?? '').trim();
  if (!name) return 'Please enter the account holder name.';
  let email: string | null = String(form.email ?? '').trim() || null;
  if (needEmail && (!email || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))) return 'Your email address is invalid.';
  if (!needEmail) email = null;
  return { kind: 'sepa_debit', iban, name, email };
}

function checkoutPage(sb: Sandbox, session: Obj, error: string | null, values: Obj): string {
  const items = sessionLineItems(sb, session);
  const customer = session.customer ? sb.store.get(session.customer) : null;
  const knownEmail = (customer?.email as string | null) ?? (session.customer_email as string | null);
  const needEmail = !knownEmail;
  const rows = items
    .map((li) => {
      const price = li.price as Obj;
      return `<tr><td>${h(li.description)}${li.quantity > 1 ? ` × ${li.quantity}` : ''}</td><td>${h(formatMoney(li.amount_total, li.currency))}${h(intervalLabel(price))}</td></tr>`;
    })
    .join('');
  const verb = session.mode === 'subscription' ? 'Subscribe' : 'Pay';
  const cancel = session.cancel_url ? `<p><a href="${h(session.cancel_url)}">Cancel</a> and return</p>` : '';
  return layout(
    'Checkout',
    `<h1>${verb}</h1>
  <table aria-label="Order summary"><tbody>${rows}</tbody>
  <tfoot><tr><th>Total due today</th><th>${h(formatMoney(session.amount_total, session.currency))}</th></tr></tfoot></table>
  ${error ? `<p class="error" role="alert">${h(error)}</p>` : ''}
  <form method="post" action="/checkout/${h(session.id)}">
  ${needEmail ? `<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="email" value="${h(values.email ?? '')}">` : `<p class="muted">Paying as ${h(knownEmail)}</p>`}
  ${(session.payment_method_types as string[]).includes('sepa_debit') ? sepaFields(values) : ''}
  ${cardFields(values)}
  <button type="submit">${verb}</button>
  </form>
  ${cancel}
  <p class="muted">Test cards: 4242 4242 4242 4242 (succeeds), 4000 0000 0000 0341 (first payment succeeds, later ones fail), 4000 0000 0000 9995 (declined: insufficient funds).</p>`,
  );
}

async function handleCheckout(sb: Sandbox, req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
  const session = sb.store.get(id);
  if (!session || session.object !== 'checkout.session') {
    send(res, 404, layout('Not found', '<h1>Checkout session not found</h1>'));
    return;
  }
  const rendered = sb.render(session); // lazily expires
  if (rendered.status === 'complete') {
    send(
      res,
      200,
      layout('Complete', `<h1>Payment complete</h1><p><a href="${h(successRedirect(session, sb.publicUrl))}">Continue</a></p>`),
    );
    return;
  }
  if (rendered.status === 'expired') {
    send(
      res,
      410,
      layout(
        'Expired',
        `<h1>This checkout session has expired</h1>${session.cancel_url ? `<p><a href="${h(session.cancel_url)}">Return</a></p>` : ''}`,
      ),
    );
    return;
  }
  if (req.method === 'GET') {
    send(res, 200, checkoutPage(sb, session, null, {}));
    return;
  }
  const form = await readForm(req);
  const customer = session.customer ? sb.store.get(session.customer) : null;
  const needEmail = !((customer?.email as string | null) ?? session.customer_email);
  const card = form.method === 'sepa_debit' ? readSepa(form, needEmail) : readCard(form, needEmail);
  if (typeof card === 'string') {
    send(res, 400, checkoutPage(sb, session, card, form));
    return;
  }
  try {
    completeCheckout(sb, session, card);
  } catch (e) {
    if (e instanceof ApiError) {
      send(res, e.status, checkoutPage(sb, session, e.message, form));
      return;
    }
    throw e;
  }
  redirect(res, successRedirect(session, sb.publicUrl));
}

// ---------- portal ----------

function portalPage(sb: Sandbox, portal: Obj, notice: string | null, error: string | null): string {
  const customer = sb.store.get(portal.customer)!;
  const subs = sb.store.all(
    'subscription',
    (s) => s.customer === customer.id && s.status !== 'canceled' && s.status !== 'incomplete_expired',
  );
  const prices = sb.store.all('price', (p) => p.active && !!p.recurring && !sb.store.meta(p.id).inline).reverse();
  const base = `/portal/${h(portal.id)}`;
  const subHtml = subs
    .map((sub) => {
      const si = subscriptionItems(sb, sub)[0];
      if (!si) return '';
      const price = sb.store.get(si.price)!;
      const product = sb.store.get(price.product)!;
      const groups = new Map<string, Obj[]>();
      for (const p of prices.filter((p) => p.currency === sub.currency)) {
        const list = groups.get(p.product) ?? [];
        list.push(p);
        groups.set(p.product, list);
      }
      const options = [...groups.entries()]
        .map(([prodId, list]) => {
          const prod = sb.store.get(prodId);
          return `<optgroup label="${h(prod?.name ?? prodId)}">${list
            .map(
              (p) =>
                `<option value="${h(p.id)}"${p.id === price.id ? ' selected' : ''}>${h(prod?.name ?? '')} — ${h(formatMoney(p.unit_amount, p.currency))}${h(intervalLabel(p))}</option>`,
            )
            .join('')}</optgroup>`;
        })
        .join('');
      const cancelState = sub.cancel_at_period_end
        ? `<p><strong>Cancels on ${date(si.current_period_end)}</strong></p>
           <form method="post" action="${base}/subscriptions/${h(sub.id)}/resume"><button type="submit">Renew plan</button></form>`
        : `<p>Renews on ${date(si.current_period_end)}</p>
           <form method="post" action="${base}/subscriptions/${h(sub.id)}/cancel"><button type="submit" class="secondary">Cancel plan</button></form>`;
      return `<section aria-label="Subscription ${h(product.name)}">
        <h2>${h(product.name)}</h2>
        <p>${h(formatMoney(price.unit_amount, price.currency))}${h(intervalLabel(price))} · Status: <span class="status">${h(sub.status)}</span></p>
        ${cancelState}
        ${pausedNote(sub, date)}
        <form method="post" action="${base}/subscriptions/${h(sub.id)}/switch">
          <label for="price-${h(sub.id)}">Change plan</label>
          <select id="price-${h(sub.id)}" name="price">${options}</select>
          <button type="submit" class="secondary">Update plan</button>
        </form></section>`;
    })
    .join('');
  const pmId = (customer.invoice_settings?.default_payment_method as string | null) ?? (subs[0]?.default_payment_method as string | null);
  const pm = pmId ? sb.store.get(pmId) : null;
  const invoices = sb.store.all('invoice', (i) => i.customer === customer.id && i.status !== 'draft');
  const invoiceRows = invoices
    .map(
      (i) =>
        `<tr><td>${date(i.created)}</td><td>${h(i.number ?? '')}</td><td>${h(formatMoney(i.total, i.currency))}</td><td>${h(i.status)}</td><td>${i.hosted_invoice_url ? `<a href="${h(i.hosted_invoice_url)}">View</a>` : ''}</td></tr>`,
    )
    .join('');
  const back = portal.return_url ? `<p><a href="${h(portal.return_url)}">Return to ${h(hostOf(portal.return_url))}</a></p>` : '';
  return layout(
    'Billing',
    `${back}<h1>Billing for ${h(customer.email ?? customer.name ?? customer.id)}</h1>
  ${notice ? `<p class="notice" role="status">${h(notice)}</p>` : ''}
  ${error ? `<p class="error" role="alert">${h(error)}</p>` : ''}
  <h2>Current plan</h2>
  ${subHtml || '<p>No active subscriptions.</p>'}
  <section aria-label="Payment method"><h2>Payment method</h2>
  <p>${pm ? `${h(pm.card.brand)} •••• ${h(pm.card.last4)}, expires ${h(pm.card.exp_month)}/${h(pm.card.exp_year)}` : 'No payment method on file.'}</p>
  <form method="post" action="${base}/payment-method">${cardFields({})}<button type="submit" class="secondary">Update payment method</button></form></section>
  <section aria-label="Invoice history"><h2>Invoice history</h2>
  <table><thead><tr><th>Date</th><th>Number</th><th>Amount</th><th>Status</th><th></th></tr></thead><tbody>${invoiceRows}</tbody></table></section>`,
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

async function handlePortal(sb: Sandbox, req: IncomingMessage, res: ServerResponse, parts: string[]): Promise<void> {
  const portal = sb.store.get(parts[0] ?? '');
  if (!portal || portal.object !== 'billing_portal.session') {
    send(res, 404, layout('Not found', '<h1>Portal session not found</h1>'));
    return;
  }
  const base = `/portal/${portal.id}`;
  if (req.method === 'GET') {
    const q = new URL(req.url ?? '/', 'http://x').searchParams;
    send(res, 200, portalPage(sb, portal, q.get('notice'), q.get('error')));
    return;
  }
  const form = await readForm(req);
  const customer = sb.store.get(portal.customer)!;
  sb.request = { id: null, idempotencyKey: null };
  try {
    if (parts[1] === 'subscriptions' && parts[2]) {
      const sub = sb.store.get(parts[2]);
      if (!sub || sub.object !== 'subscription' || sub.customer !== customer.id) throw errors.notFound('subscription', parts[2]);
      if (parts[3] === 'cancel') {
        updateSubscription(sb, sub.id, { cancel_at_period_end: 'true' });
        redirect(res, `${base}?notice=${encodeURIComponent('Your plan will be canceled at the end of the billing period.')}`);
      } else if (parts[3] === 'resume') {
        updateSubscription(sb, sub.id, { cancel_at_period_end: 'false' });
        redirect(res, `${base}?notice=${encodeURIComponent('Your plan has been renewed.')}`);
      } else if (parts[3] === 'switch') {
        const si = subscriptionItems(sb, sub)[0]!;
        const price = String(form.price ?? '');
        if (price && price !== si.price)
          updateSubscription(sb, sub.id, { items: [{ id: si.id, price }], proration_behavior: 'create_prorations' });
        redirect(res, `${base}?notice=${encodeURIComponent('Your plan has been updated.')}`);
      } else {
        send(res, 404, layout('Not found', '<h1>Unknown action</h1>'));
      }
      return;
    }
    if (parts[1] === 'payment-method') {
      const card = readCard(form, false);
      if (typeof card === 'string') {
        send(res, 400, portalPage(sb, portal, null, card));
        return;
      }
      const failure = cardFailure(TEST_CARDS[card.number]?.behaviour, true);
      if (failure) {
        send(res, 402, portalPage(sb, portal, null, failure.message));
        return;
      }
      const pm = paymentMethodObject({
        created: sb.nowFor(customer.id),
        number: card.number,
        exp_month: card.exp_month,
        exp_year: card.exp_year,
        name: card.name,
        email: customer.email,
      });
      sb.store.put(pm, { number: card.number, behaviour: TEST_CARDS[card.number]?.behaviour ?? 'ok' });
      attachPaymentMethod(sb, pm.id, customer, 'payment_method');
      setDefaultPaymentMethod(sb, customer, pm.id);
      for (const sub of sb.store.all('subscription', (s) => s.customer === customer.id && s.status !== 'canceled')) {
        updateSubscription(sb, sub.id, { default_payment_method: pm.id });
      }
      // Like Stripe's portal: an open invoice is retried right away with the new card.
      for (const inv of sb.store.all('invoice', (i) => i.customer === customer.id && i.status === 'open')) attemptInvoicePayment(sb, inv);
      redirect(res, `${base}?notice=${encodeURIComponent('Your payment method has been updated.')}`);
      return;
    }
    send(res, 404, layout('Not found', '<h1>Unknown action</h1>'));
  } catch (e) {
    if (e instanceof ApiError) {
      send(res, e.status, portalPage(sb, portal, null, e.message));
      return;
    }
    throw e;
  }
}

// ---------- invoices & receipts ----------

function invoicePage(sb: Sandbox, inv: Obj): string {
  const lines = (inv.lines.data as Obj[])
    .map((l) => `<tr><td>${h(l.description)}</td><td>${h(formatMoney(l.amount, l.currency))}</td></tr>`)
    .join('');
  const customer = sb.store.get(inv.customer);
  return layout(
    `Invoice ${inv.number ?? inv.id}`,
    `<h1>Invoice ${h(inv.number ?? inv.id)}</h1>
  <p>Billed to ${h(customer?.email ?? inv.customer)} · ${date(inv.created)} · Status: <strong>${h(inv.status)}</strong></p>
  <table><tbody>${lines}</tbody><tfoot><tr><th>Total</th><th>${h(formatMoney(inv.total, inv.currency))}</th></tr>
  <tr><th>Amount paid</th><th>${h(formatMoney(inv.amount_paid, inv.currency))}</th></tr></tfoot></table>`,
  );
}

/** Handles hosted pages; returns false when the path is not a page. */
export async function handlePage(sb: Sandbox, req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
  const parts = pathname
    .split('/')
    .filter(Boolean)
    .map((p) => decodeURIComponent(p));
  const method = req.method ?? 'GET';
  if (parts[0] === 'checkout' && parts.length === 2 && (method === 'GET' || method === 'POST')) {
    await handleCheckout(sb, req, res, parts[1]!);
    return true;
  }
  if (parts[0] === 'portal' && parts.length >= 2 && (method === 'GET' || method === 'POST')) {
    await handlePortal(sb, req, res, parts.slice(1));
    return true;
  }
  if (parts[0] === 'invoices' && parts[1] && method === 'GET') {
    const inv = sb.store.get(parts[1]);
    if (!inv || inv.object !== 'invoice') send(res, 404, layout('Not found', '<h1>Invoice not found</h1>'));
    else send(res, 200, invoicePage(sb, inv));
    return true;
  }
  if (parts[0] === 'receipts' && parts[1] && method === 'GET') {
    const ch = sb.store.get(parts[1]);
    if (!ch || ch.object !== 'charge') send(res, 404, layout('Not found', '<h1>Receipt not found</h1>'));
    else
      send(
        res,
        200,
        layout(
          'Receipt',
          `<h1>Receipt</h1><p>${h(formatMoney(ch.amount, ch.currency))} paid ${date(ch.created)} with ${h(ch.payment_method_details.card.brand)} •••• ${h(ch.payment_method_details.card.last4)}</p>${ch.amount_refunded ? `<p>Refunded: ${h(formatMoney(ch.amount_refunded, ch.currency))}</p>` : ''}`,
        ),
      );
    return true;
  }
  return false;
}
