// notFound() from an English page with its own folder: the reader site's 404, in the site chrome.
export { default, metadata } from '../../[locale]/(site)/not-found';
