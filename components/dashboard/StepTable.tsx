/** A funnel's steps as a table (the dashboard's funnels): each step named in its row, its count, then the funnel's own rate columns. */
import { DataTable, type Column } from '@/components/staff/DataTable';
import type { Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';
import { formatCount } from './format';
import styles from './dashboard.module.css';

/** The dashboard's table classes, for DataTable. */
export const tableClasses = { className: styles.table, numericClassName: styles.num };

export type Step = { label: string; value: number };

export function StepTable<S extends Step>({
  steps,
  rates,
  testId,
  label,
  locale = 'en',
}: {
  steps: S[];
  rates: Column<S>[];
  testId: string;
  label: string;
  locale?: Locale;
}) {
  const t = translator(locale, 'dashboard.tables');
  return (
    <DataTable
      {...tableClasses}
      testId={testId}
      label={label}
      rows={steps}
      rowKey={(s) => s.label}
      columns={[
        { header: t('step'), rowHeader: true, cell: (s) => s.label },
        { header: t('count'), numeric: true, cell: (s) => formatCount(s.value, locale) },
        ...rates,
      ]}
    />
  );
}
