import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pageTitle } from './page-title';

describe('page titles', () => {
  it('names the page, then the community, else the product', () => {
    assert.equal(pageTitle('Tableau de bord', 'La Fabrique', 'Tiers-lieu'), 'Tableau de bord — La Fabrique');
    assert.equal(pageTitle('Connexion', undefined, 'Tiers-lieu'), 'Connexion — Tiers-lieu');
    assert.equal(pageTitle('Connexion', '  ', 'Tiers-lieu'), 'Connexion — Tiers-lieu');
    assert.equal(pageTitle(undefined, 'La Fabrique', 'Tiers-lieu'), 'La Fabrique');
  });

  it('keeps a wizard step as the page name', () => {
    assert.equal(pageTitle('Étape 2 sur 5 : Domaine', '', 'Tiers-lieu'), 'Étape 2 sur 5 : Domaine — Tiers-lieu');
  });
});
