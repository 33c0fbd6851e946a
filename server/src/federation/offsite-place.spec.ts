import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { offsitePlaceUrl } from './offsite-place';

const credential = { path: '/api/fleet/offsite/abc/', user: 'abc', password: 'p/w+', quotaBytes: 1 };

describe('the off-site place URL', () => {
  it('joins the path to the host, with the credentials', () => {
    assert.equal(
      offsitePlaceUrl('https://hub.example.coop', credential),
      'https://abc:p%2Fw%2B@hub.example.coop/api/fleet/offsite/abc/',
    );
  });

  it('reaches a host on loopback through the Docker host from restic’s container', () => {
    assert.equal(
      offsitePlaceUrl('http://127.0.0.1:8080', credential),
      'http://abc:p%2Fw%2B@host.docker.internal:8080/api/fleet/offsite/abc/',
    );
  });
});
