/**
 * The next-auth provider that signs a just-created account in with the ticket of its sign-up
 * (POST /api/users answers `signInTicket`), instead of checking its password a second time.
 */
export const SIGN_UP_TICKET_PROVIDER = "sign-up-ticket";
