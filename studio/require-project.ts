// Runs before `sanity dev`: without a project the Studio would open onto a login that cannot work.
const missing = ['SANITY_STUDIO_PROJECT_ID', 'SANITY_STUDIO_DATASET'].filter((name) => !process.env[name])
if (missing.length > 0) {
  console.error(
    `The Studio needs a Sanity project: ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set.\n` +
      'Create one with `pnpm dlx sanity@latest projects create` (or open https://www.sanity.io/manage),\n' +
      'then run: SANITY_STUDIO_PROJECT_ID=<id> SANITY_STUDIO_DATASET=production pnpm studio',
  )
  process.exit(1)
}
