import { notFound } from 'next/navigation';

/** Any other address under a language ("/uk/no-such-page") is a 404 in that language, in the site's chrome. */
export default function MissingPage(): never {
  notFound();
}
