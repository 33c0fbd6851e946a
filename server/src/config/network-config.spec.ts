import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NetworkConfigError, parseDnsServers, parsePublicAddresses } from './network-config';

describe('DNS_SERVERS and PUBLIC_ADDRESSES', () => {
  it('takes resolver addresses with an optional port, and the system’s when unset', () => {
    assert.deepEqual(parseDnsServers({}), []);
    assert.deepEqual(parseDnsServers({ DNS_SERVERS: '1.1.1.1, 127.0.0.1:5353,[::1]:53,::1' }), [
      '1.1.1.1',
      '127.0.0.1:5353',
      '[::1]:53',
      '::1',
    ]);
    for (const bad of ['resolver.example', '1.1.1.1:99999', '[nope]:53']) {
      assert.throws(() => parseDnsServers({ DNS_SERVERS: bad }), NetworkConfigError);
    }
  });

  it('takes IP addresses only for PUBLIC_ADDRESSES', () => {
    assert.deepEqual(parsePublicAddresses({ PUBLIC_ADDRESSES: '203.0.113.10,2001:db8::1' }), [
      '203.0.113.10',
      '2001:db8::1',
    ]);
    assert.throws(() => parsePublicAddresses({ PUBLIC_ADDRESSES: 'my-box.example' }), NetworkConfigError);
  });
});
