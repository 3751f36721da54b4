import { JSONRPCMessageSchema } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { isJsonRpcMessage } from './json-rpc.js';

// Valid and invalid shapes side by side: the hand-written fast path must never accept what the SDK's schema refuses.
const CASES: string[] = [
  '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"x","arguments":{"a":1}}}',
  '{"jsonrpc":"2.0","id":"a","method":"ping"}',
  '{"jsonrpc":"2.0","method":"notifications/initialized"}',
  '{"jsonrpc":"2.0","id":1,"result":{"content":[]}}',
  '{"jsonrpc":"2.0","id":1,"result":{}}',
  '{"jsonrpc":"2.0","id":1,"error":{"code":-32601,"message":"no"}}',
  '{"jsonrpc":"2.0","id":1,"method":"x","params":{"_meta":{"progressToken":5}}}',
  '{"jsonrpc":"2.0","id":1,"method":"x","params":{"_meta":{"progressToken":[]}}}',
  '{"jsonrpc":"2.0","id":1,"result":{"_meta":{"progressToken":{}}}}',
  '{"jsonrpc":"2.0","id":1.5,"method":"x"}',
  '{"jsonrpc":"2.0","id":9007199254740993,"method":"x"}',
  '{"jsonrpc":"2.0","id":-0,"method":"x"}',
  '{"jsonrpc":"2.0","id":null,"method":"x"}',
  '{"jsonrpc":"2.0","id":true,"method":"x"}',
  '{"jsonrpc":"2.0","id":1,"method":42}',
  '{"jsonrpc":"2.0","id":1,"method":"x","params":null}',
  '{"jsonrpc":"2.0","id":1,"method":"x","params":[1]}',
  '{"jsonrpc":"2.0","id":1,"method":"x","params":"s"}',
  '{"jsonrpc":"2.0","id":1,"method":"x","extra":1}',
  '{"jsonrpc":"2.0","id":1,"method":"x","__proto__":{"a":1}}',
  '{"jsonrpc":"2.0","id":1,"result":[]}',
  '{"jsonrpc":"2.0","id":1,"result":null}',
  '{"jsonrpc":"2.0","result":{}}',
  '{"jsonrpc":"2.0","id":1,"result":{},"error":{"code":1,"message":"m"}}',
  '{"jsonrpc":"2.0","id":1,"result":{},"method":"x"}',
  '{"jsonrpc":"1.0","id":1,"method":"x"}',
  '{"id":1,"method":"x"}',
  '[{"jsonrpc":"2.0","id":1,"method":"x"}]',
  '"text"',
  'null',
  '{}',
];

describe('isJsonRpcMessage', () => {
  it.each(CASES)('agrees with the SDK schema on %s', (text) => {
    const value: unknown = JSON.parse(text);
    expect(isJsonRpcMessage(value)).toBe(JSONRPCMessageSchema.safeParse(value).success);
  });

  it('accepts the everyday shapes and refuses the malformed ones', () => {
    const accepted = CASES.filter((text) => isJsonRpcMessage(JSON.parse(text)));
    expect(accepted.length).toBeGreaterThanOrEqual(7);
    expect(accepted.length).toBeLessThan(CASES.length - 10);
  });
});
