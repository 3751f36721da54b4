/** The server's JSON, as the dashboard reads it (types only; nothing of the server is bundled). */
export type * from '../../src/interfaces/http/dashboard-contract.js';
