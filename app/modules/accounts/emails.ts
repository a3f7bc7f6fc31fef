// The words of every accounts email, in one place.
export function verificationEmail(name: string, link: string) {
  return {
    subject: "Confirm your email address for Q Exchange",
    text: `Hello ${name},\n\nConfirm your email address to finish creating your Q Exchange account:\n\n${link}\n\nThe link works for 48 hours. If you did not create an account, you can ignore this email.\n\nQ Exchange`,
  };
}

export function alreadyRegisteredEmail(name: string, signInLink: string, resetLink: string) {
  return {
    subject: "You already have a Q Exchange account",
    text: `Hello ${name},\n\nSomeone (perhaps you) tried to create a Q Exchange account with this email address, but you already have one.\n\nSign in: ${signInLink}\nForgotten your password? ${resetLink}\n\nIf this was not you, you can ignore this email.\n\nQ Exchange`,
  };
}

export function resetPasswordEmail(name: string, link: string) {
  return {
    subject: "Reset your Q Exchange password",
    text: `Hello ${name},\n\nUse this link to choose a new password:\n\n${link}\n\nThe link works for 1 hour and only once. If you did not ask to reset your password, you can ignore this email: your password has not changed.\n\nQ Exchange`,
  };
}

export function passwordChangedEmail(name: string) {
  return {
    subject: "Your Q Exchange password was changed",
    text: `Hello ${name},\n\nThe password for your Q Exchange account was just changed, and every other session was signed out.\n\nIf you did not do this, reset your password at once and tell the programme team.\n\nQ Exchange`,
  };
}

export function membershipDecisionEmail(name: string, approved: boolean, link: string) {
  return approved
    ? {
        subject: "You are now a Q Exchange member",
        text: `Hello ${name},\n\nYour membership has been approved. You can now lead ideas, support ideas and vote.\n\n${link}\n\nQ Exchange`,
      }
    : {
        subject: "Your Q Exchange membership request",
        text: `Hello ${name},\n\nYour membership request was not approved this time. You can still comment and join teams when invited. If you think this is a mistake, reply to the programme team.\n\n${link}\n\nQ Exchange`,
      };
}
