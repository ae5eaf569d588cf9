import { listingRoute } from '@/components/site/listingRoute';

// ISR: rendered on first request, cached, regenerated every 5 minutes or via revalidateArticlePaths.
export const revalidate = 300;
export const dynamicParams = true;
export function generateStaticParams() {
  return [];
}

const route = listingRoute('author');
export const generateMetadata = route.generateMetadata;
export default route.Page;
