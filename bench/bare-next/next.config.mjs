// No Patronage code: only the `next` package the app uses (resolved from the repository's node_modules).
export default { poweredByHeader: false };
