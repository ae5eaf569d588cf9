import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DataTable } from './DataTable';

const rows = [
  { name: 'Paid', n: 3 },
  { name: 'Seen', n: 10 },
];

describe('DataTable', () => {
  it('renders column headers, row headers and right-aligned numbers', () => {
    const html = renderToStaticMarkup(
      <DataTable
        rows={rows}
        rowKey={(r) => r.name}
        label="Funnel"
        numericClassName="num"
        testId="t"
        columns={[
          { header: 'Step', rowHeader: true, cell: (r) => r.name },
          { header: 'Count', numeric: true, cell: (r) => r.n },
        ]}
      />,
    );
    expect(html).toContain('<table data-testid="t" aria-label="Funnel">');
    expect(html).toContain('<th scope="col">Step</th><th scope="col" class="num">Count</th>');
    expect(html).toContain('<tr><th scope="row">Paid</th><td class="num">3</td></tr>');
  });
  it('uses a caption instead of an aria-label, and shows the empty state when there are no rows', () => {
    const withCaption = renderToStaticMarkup(
      <DataTable rows={rows} rowKey={(r) => r.name} caption="Steps" label="x" columns={[{ header: 'Step', cell: (r) => r.name }]} />,
    );
    expect(withCaption).toContain('<table><caption>Steps</caption>');
    const none = renderToStaticMarkup(
      <DataTable rows={[]} rowKey={() => ''} empty={<p>Nothing yet.</p>} columns={[{ header: 'Step', cell: () => '' }]} />,
    );
    expect(none).toBe('<p>Nothing yet.</p>');
  });
});
