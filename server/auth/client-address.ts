/** The header server/main.ts sets to the client's address on requests it passes to Next. */
export const CLIENT_ADDRESS_HEADER = "x-threat-room-client-address";
