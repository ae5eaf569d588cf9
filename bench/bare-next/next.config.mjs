// No Patronage code: only the `next` package the app uses (resolved from the repository's node_modules).
const config = { poweredByHeader: false };
export default config;
