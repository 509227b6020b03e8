/** English strings for the account page's display-name form and the header's signed-in line. */
export const accountStrings = {
  'nav.signedInAs': 'Signed in as {name}',
  'auth.displayName.title': 'Display name',
  'auth.displayName.label': 'Display name',
  'auth.displayName.hint': 'Shown to your project teams on decisions, comments and votes. You can use a pseudonym.',
  'auth.displayName.history': 'Your earlier comments will show the new name too, though the project’s saved history still holds the name you used when you wrote them.',
  'auth.displayName.submit': 'Save display name',
  'auth.displayName.done': 'Saved. You now appear as {name}.',
  'auth.displayName.same': 'This is already your display name.',
} as const;
