/**
 * An error whose message is meant for the user (Dutch, from the catalogue). Handlers
 * throw it to refuse something; the router turns it into a reply and changes nothing.
 */
export class UserError extends Error {
  override name = 'UserError';
  constructor(readonly userMessage: string) {
    super(userMessage);
  }
}
