/**
 * Customer balance, as Stripe keeps it: `POST/GET /v1/customers/:id/balance_transactions` record
 * adjustments (negative = credit the customer, positive = the customer owes), `customer.balance` is their
 * running sum, and an invoice takes the balance into account when it is finalized: `starting_balance`
 * is the balance before, `ending_balance` after, `amount_due` is the total less the credit used (an
 * `applied_to_invoice` transaction), and an invoice with nothing left to pay is paid without a charge.
 */
import { previousAttributes, type Sandbox } from './core.ts';
import { applyMetadata, clone, errors, int, newId, str, type Obj } from './protocol.ts';
import { out, outList, type Router } from './router.ts';

function balanceTransactionObject(p: {
  created: number;
  customer: Obj;
  amount: number;
  currency: string;
  description: string | null;
  metadata: Obj;
  type: string;
  invoice: string | null;
}): Obj {
  return {
    id: newId('cbtxn'),
    object: 'customer_balance_transaction',
    amount: p.amount,
    checkout_session: null,
    created: p.created,
    credit_note: null,
    currency: p.currency,
    customer: p.customer.id,
    customer_account: null,
    description: p.description,
    ending_balance: (p.customer.balance as number) + p.amount,
    invoice: p.invoice,
    livemode: false,
    metadata: p.metadata,
    type: p.type,
  };
}

/** Records one transaction and moves the customer's balance (emits customer.updated like Stripe). */
function addTransaction(sb: Sandbox, customer: Obj, p: Omit<Parameters<typeof balanceTransactionObject>[0], 'customer' | 'created'>): Obj {
  const before = clone(customer);
  const txn = balanceTransactionObject({ ...p, customer, created: sb.nowFor(customer.id) });
  customer.balance = txn.ending_balance;
  if (customer.currency === null) customer.currency = p.currency;
  sb.store.put(txn);
  sb.store.put(customer);
  sb.emit('customer.updated', sb.render(customer), previousAttributes(before, customer));
  return txn;
}

/**
 * At finalization: applies the customer's balance to the invoice (credit lowers amount_due; a debit
 * raises it), sets starting_balance / ending_balance, and records the applied_to_invoice transaction.
 */
export function applyCustomerBalance(sb: Sandbox, invoice: Obj, customer: Obj): void {
  const balance = (customer.balance as number) ?? 0;
  invoice.starting_balance = balance;
  if (balance === 0 || (customer.currency && customer.currency !== invoice.currency)) {
    invoice.ending_balance = balance;
    return;
  }
  const total = invoice.total as number;
  // A credit (negative balance) covers at most the invoice's total; a debit is added in full.
  const applied = balance < 0 ? -Math.min(-balance, total) : balance;
  if (applied === 0) {
    invoice.ending_balance = balance;
    return;
  }
  invoice.amount_due = total + applied;
  invoice.amount_remaining = invoice.amount_due;
  addTransaction(sb, customer, {
    amount: -applied,
    currency: invoice.currency as string,
    description: null,
    metadata: {},
    type: 'applied_to_invoice',
    invoice: invoice.id as string,
  });
  invoice.ending_balance = customer.balance;
}

export function installBalance(router: Router): void {
  router.on('POST', '/v1/customers/:id/balance_transactions', (req) => {
    const { params, sb } = req;
    const customer = sb.store.require(req.args[0], 'customer');
    const amount = int(params, 'amount', { required: true })!;
    const currency = str(params, 'currency', { required: true })!.toLowerCase();
    if (amount === 0) throw errors.badValue('amount', 'The amount must not be zero.');
    if (customer.currency && customer.currency !== currency) {
      throw errors.badValue(
        'currency',
        `The currency ${currency} does not match the customer's currency ${customer.currency as string}; a customer has one balance currency.`,
      );
    }
    const txn = addTransaction(sb, customer, {
      amount,
      currency,
      description: str(params, 'description') ?? null,
      metadata: applyMetadata({}, params.metadata),
      type: 'adjustment',
      invoice: null,
    });
    return out(req, txn);
  });

  router.on('GET', '/v1/customers/:id/balance_transactions/:txn', (req) => {
    const customer = req.sb.store.require(req.args[0], 'customer');
    const txn = req.sb.store.require(req.args[1], 'customer_balance_transaction');
    if (txn.customer !== customer.id) throw errors.notFound('customer balance transaction', req.args[1]!);
    return out(req, txn);
  });

  router.on('GET', '/v1/customers/:id/balance_transactions', (req) => {
    const customer = req.sb.store.require(req.args[0], 'customer');
    const items = req.sb.store.all('customer_balance_transaction', (t) => t.customer === customer.id);
    return outList(req, items, `/v1/customers/${customer.id}/balance_transactions`);
  });
}
