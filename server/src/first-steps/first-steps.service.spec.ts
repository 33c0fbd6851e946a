import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { atDomain } from './first-steps.service';

describe('first steps: the domain step', () => {
  it('counts the community’s domain and its service names, nothing else', () => {
    assert.equal(atDomain('fabrique.example.org', 'fabrique.example.org'), true);
    assert.equal(atDomain('Pad.Fabrique.example.org.', 'fabrique.example.org'), true);
    assert.equal(atDomain('127.0.0.1', 'fabrique.example.org'), false);
    assert.equal(atDomain('evilfabrique.example.org', 'fabrique.example.org'), false);
  });
});
