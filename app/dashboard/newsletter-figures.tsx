import { newsletterFigures } from '@/lib/newsletters/figures';
import { NewsletterFigures } from '@/components/newsletters/NewsletterFigures';

/** The newsletters block of /dashboard (the page checks who may see it). */
export async function NewsletterFiguresSection() {
  const figures = await newsletterFigures();
  return (
    <>
      <h2>Newsletters</h2>
      <NewsletterFigures figures={figures} />
    </>
  );
}
