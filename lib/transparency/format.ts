/** Money on the transparency and spending pages: whole units unless there are cents. */
export function formatMoney(minor: number, currency: string): string {
  const cents = minor % 100 !== 0;
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: currency.toUpperCase(),
    minimumFractionDigits: cents ? 2 : 0,
    maximumFractionDigits: cents ? 2 : 0,
  }).format(minor / 100);
}
