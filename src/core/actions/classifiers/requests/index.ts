import { each, type ToolFamily } from '../family.js';
import { classifyGrpc } from './grpc.js';

/**
 * Requests whose words say destroy: gRPC clients judged on the method they call. HTTP clients (curl, wget,
 * httpie, xh) stay with the cloud family but read bodies and paths here (bodies.ts); any other CLI that sends a
 * raw request or calls a gRPC method is read by `requestsThroughAnyDoor` (doors.ts).
 */
export const requests: ToolFamily = {
  id: 'requests',
  tools: () => ({
    ...each(['grpcurl', 'grpc_cli', 'evans', 'ghz'], classifyGrpc),
  }),
};
