import { afterAll, beforeAll, describe, it } from 'vitest';
import { gateFixture, type GateFixture } from './gate-fixture.js';

// HTTP and gRPC requests whose method, path, body or method name says destroy, through any client: each beside
// its everyday twin (a read, a write that adds, or the same request to this machine's loopback service).

let gate: GateFixture;
beforeAll(async () => {
  gate = await gateFixture();
});
afterAll(() => gate.close());

describe.each([
  [
    'raw API commands of CLIs',
    [
      [
        'glab api --method DELETE projects/4411/registry/repositories/7',
        'glab api projects/4411/registry/repositories',
      ],
      [
        'tea api -X DELETE repos/corp/site/branches/old --hostname git.prod.corp.io',
        'tea api repos/corp/site/branches --hostname git.prod.corp.io',
      ],
      [
        'acmectl api --request=DELETE https://ops.prod.corp.io/v2/tenants/77',
        'acmectl api --request=DELETE http://localhost:8080/v2/tenants/77',
      ],
    ],
  ],
  [
    'search engines',
    [
      [
        'curl -XPOST "https://search.prod.corp.io:9200/orders-*/_delete_by_query" -H "Content-Type: application/json" -d \'{"query":{"match_all":{}}}\'',
        'curl -XPOST "https://search.prod.corp.io:9200/orders-*/_search" -H "Content-Type: application/json" -d \'{"query":{"match_all":{}}}\'',
      ],
      [
        'curl -X PUT https://search.prod.corp.io:9200/_cluster/settings -H "Content-Type: application/json" -d \'{"transient":{"action.destructive_requires_name":"false"}}\'',
        'curl -X PUT https://search.prod.corp.io:9200/_cluster/settings -H "Content-Type: application/json" -d \'{"transient":{"action.destructive_requires_name":true}}\'',
      ],
      [
        'curl -X POST https://search.prod.corp.io:9200/_slm/stop',
        'curl https://search.prod.corp.io:9200/_slm/status',
      ],
      [
        'curl -X POST https://search.prod.corp.io:9200/_bulk -H "Content-Type: application/x-ndjson" --data-binary \'{"delete":{"_index":"orders","_id":"9"}}\'',
        'curl -X POST https://search.prod.corp.io:9200/_bulk -H "Content-Type: application/x-ndjson" --data-binary \'{"index":{"_index":"orders","_id":"9"}}\'',
      ],
      [
        'curl -X DELETE "https://search.prod.corp.io:9200/_snapshot/nightly/snap-2024.05.01"',
        'curl "https://search.prod.corp.io:9200/_snapshot/nightly/_all"',
      ],
      [
        'http POST https://solr.prod.corp.io/solr/catalog/update delete:=\'{"query":"*:*"}\'',
        'http POST https://solr.prod.corp.io/solr/catalog/update add:=\'{"doc":{"id":"9"}}\'',
      ],
      [
        'curl "https://solr.prod.corp.io/solr/catalog/update?stream.body=<delete><query>*:*</query></delete>&commit=true"',
        'curl "https://solr.prod.corp.io/solr/catalog/select?q=*:*&rows=0"',
      ],
      [
        'wget --post-data "<delete><query>category:old</query></delete>" https://solr.prod.corp.io/solr/catalog/update',
        'wget --post-data "<delete><query>*:*</query></delete>" http://127.0.0.1:8983/solr/catalog/update',
      ],
    ],
  ],
  [
    'stores behind HTTP',
    [
      [
        'curl -X DELETE "https://consul.prod.corp.io:8500/v1/kv/features?recurse"',
        'curl "https://consul.prod.corp.io:8500/v1/kv/features?recurse"',
      ],
      [
        'curl -X POST https://etcd.prod.corp.io:2379/v3/kv/deleterange -d \'{"key":"L2ZlYXR1cmVz"}\'',
        'curl -X POST https://etcd.prod.corp.io:2379/v3/kv/range -d \'{"key":"L2ZlYXR1cmVz"}\'',
      ],
      [
        'curl -u ops -X DELETE https://mq.prod.corp.io:15672/api/queues/%2F/payments',
        'curl -u ops https://mq.prod.corp.io:15672/api/queues/%2F/payments',
      ],
      [
        'curl -X POST -H "X-HTTP-Method-Override: DELETE" https://api.prod.corp.io/v1/projects/12',
        'curl -X POST -H "X-Request-Id: 42" https://api.prod.corp.io/v1/projects',
      ],
    ],
  ],
  [
    'gRPC methods',
    [
      [
        'grpcurl -d \'{"project":"p9"}\' rpc.prod.corp.io:443 corp.billing.v2.Ledger/PurgeEntries',
        'grpcurl -d \'{"project":"p9"}\' rpc.prod.corp.io:443 corp.billing.v2.Ledger/ListEntries',
      ],
      [
        'grpcurl rpc.prod.corp.io:443 corp.iam.v1.Accounts/ResetAllSessions',
        'grpcurl rpc.prod.corp.io:443 describe corp.iam.v1.Accounts.ResetAllSessions',
      ],
      [
        'grpc_cli call rpc.prod.corp.io:443 corp.iam.v1.Accounts.drop_account "id: 5"',
        'grpc_cli call rpc.prod.corp.io:443 corp.iam.v1.Accounts.GetDeletedAccounts ""',
      ],
      [
        'buf curl --data \'{"id":"5"}\' https://rpc.prod.corp.io/corp.iam.v1.Accounts/WipeAccount',
        'buf curl --data \'{"id":"5"}\' http://localhost:8080/corp.iam.v1.Accounts/WipeAccount',
      ],
    ],
  ],
])('%s', (_, pairs) => {
  it.each(pairs)('%s is held; %s is allowed', (destructive, twin) => gate.allowedAndHeld(twin, destructive));
});
