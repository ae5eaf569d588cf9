// The bare baseline: a root layout with nothing but the document shell.
export const metadata = { title: 'Bare article' };

export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
