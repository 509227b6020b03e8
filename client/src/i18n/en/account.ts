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

  // Wrong passwords count towards a pause; people are told before it starts, and until when it lasts.
  'auth.login.triesLeft': {
    one: '{count} more wrong try and logging in to this account pauses until {time}.',
    other: '{count} more wrong tries and logging in to this account pauses until {time}.',
  },
  'auth.login.nowPaused': 'Logging in to this account is now paused until {time}.',
  'auth.login.locked': 'Too many wrong tries. Logging in is paused until {time}. Please try again then.',
  'auth.password.wrong': 'Your current password is not right.',
  'auth.password.triesLeft': {
    one: '{count} more wrong try and changing your password (and logging in) pauses until {time}.',
    other: '{count} more wrong tries and changing your password (and logging in) pauses until {time}.',
  },
  'auth.password.nowPaused': 'Changing your password and logging in are now paused until {time}.',
  'auth.password.locked': 'Too many wrong passwords. You can try again at {time}.',
} as const;
