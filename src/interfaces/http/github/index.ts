export { createGithubWebhookRoutes, DEFAULT_WEBHOOK_MAX_BYTES, type GithubWebhookDeps } from './routes.js';
export { signBody, verifySignature } from './signature.js';
export { checkRunOutput, commentBody, conclusionFor, COMMENT_MARKER } from './check-run-output.js';
export { publishReport, CHECK_RUN_NAME } from './publish.js';
export type { DeliveryStore } from './deliveries.js';
