import type { enDiagnosis } from './en.diagnosis';

/** French messages of the diagnosis page and the wizard's DNS check: exactly the keys of enDiagnosis. */
export const frDiagnosis: Record<keyof typeof enDiagnosis, string> = {
  'title.diagnosis': 'Diagnostic',
  'diagnosis.link': 'Diagnostic',
  'diagnosis.intro':
    'Tout ce que ce serveur vérifie sur lui-même : son disque, sa mémoire, les outils activés, les noms de domaine et le certificat de sécurité. Chaque ligne dit quoi faire quand quelque chose est à corriger.',
  'diagnosis.back': 'Retour au tableau de bord',
  'diagnosis.rerun': 'Relancer le diagnostic',
  'diagnosis.running': 'Vérification en cours…',
  'diagnosis.checkedAt': 'Vérifié le {at}.',
  'diagnosis.summary': '{errors} à corriger, {warnings} à surveiller, {ok} en ordre.',
  'diagnosis.copy': 'Copier le rapport',
  'diagnosis.copied': 'Rapport copié. Collez-le dans votre message à la personne qui vous aide.',
  'diagnosis.copyFailed': 'La copie est impossible ici : le rapport est sélectionné ci-dessous, copiez-le à la main.',
  'diagnosis.reportLabel': 'Rapport à envoyer pour demander de l’aide (aucun mot de passe dedans)',
  'diagnosis.reportHeading': 'Diagnostic de {domain}, {at}',
  'diagnosis.status.ok': 'En ordre',
  'diagnosis.status.warning': 'À surveiller',
  'diagnosis.status.error': 'À corriger',
  'diagnosis.status.unknown': 'Inconnu',
  'diagnosis.label.engine': 'Moteur des outils',
  'diagnosis.label.disk': 'Espace disque',
  'diagnosis.label.memory': 'Mémoire',
  'diagnosis.label.feature': '{feature}',
  'diagnosis.label.dns': 'Adresse {name}',
  'diagnosis.label.certificate': 'Certificat de sécurité (HTTPS)',
  'diagnosis.label.backup': 'Dernière sauvegarde',
  'diagnosis.label.other': 'Vérification {id}',
  'diagnosis.unknownMessage': 'Cette vérification n’a pas de description dans cette version de la page.',

  'diagnosis.engine.ok': 'Le moteur qui fait tourner les outils répond.',
  'diagnosis.engine.down':
    'Le moteur qui fait tourner les outils (Docker) ne répond pas : aucun outil ne peut démarrer ni s’arrêter.',
  'diagnosis.engine.down.todo':
    'Vérifiez que Docker tourne sur la machine (« systemctl status docker ») et que le gestionnaire a été lancé avec le socket Docker monté (-v /var/run/docker.sock:/var/run/docker.sock). Redémarrez ensuite le gestionnaire.',
  'diagnosis.disk.ok': '{free} Go libres sur {total} Go ({percent} %).',
  'diagnosis.disk.low': 'Seulement {free} Go libres sur {total} Go ({percent} %).',
  'diagnosis.disk.low.todo':
    'Prévoyez de la place : supprimez d’anciens fichiers dans les outils, ou donnez un disque plus grand à la machine.',
  'diagnosis.disk.full':
    'Le disque est presque plein : il reste {free} Go. Les sauvegardes et les mises à jour peuvent échouer.',
  'diagnosis.disk.full.todo':
    'Libérez de la place maintenant (anciens fichiers, outils inutilisés) ou ajoutez de l’espace disque à la machine.',
  'diagnosis.memory.ok': '{free} Go disponibles sur {total} Go.',
  'diagnosis.memory.low':
    'Peu de mémoire restante : {free} Go disponibles sur {total} Go. Le système peut arrêter des outils.',
  'diagnosis.memory.low.todo':
    'Désactivez un outil dont vous ne vous servez pas, ou ajoutez de la mémoire à la machine.',
  'diagnosis.feature.healthy': 'Fonctionne.',
  'diagnosis.feature.starting': 'En cours de démarrage ou de mise à jour.',
  'diagnosis.feature.starting.todo': 'Attendez quelques minutes, puis relancez le diagnostic.',
  'diagnosis.feature.stopped': 'Arrêté par un administrateur.',
  'diagnosis.feature.stopped.todo': 'Redémarrez-le depuis le tableau de bord quand vous en avez besoin.',
  'diagnosis.feature.unhealthy': 'Ne fonctionne pas en ce moment.',
  'diagnosis.feature.unhealthy.todo':
    'Essayez « Redémarrer » sur le tableau de bord. Si cela persiste, copiez le rapport et envoyez-le à la personne qui vous aide.',
  'diagnosis.feature.unknown': 'Son état ne peut pas être lu pour le moment.',
  'diagnosis.dns.ok': '{name} pointe vers ce serveur ({addresses}).',
  'diagnosis.dns.missing': '{name} n’existe pas encore.',
  'diagnosis.dns.missing.todo':
    'Chez votre fournisseur de nom de domaine, créez un enregistrement de type A pour {name} avec la valeur {expected}.',
  'diagnosis.dns.elsewhere': '{name} pointe vers {addresses}, pas vers ce serveur ({expected}).',
  'diagnosis.dns.elsewhere.todo':
    'Chez votre fournisseur de nom de domaine, remplacez la valeur de {name} par {expected}. Le changement peut mettre quelques heures à se propager.',
  'diagnosis.dns.partly': '{name} pointe vers {addresses} : une partie seulement est ce serveur ({expected}).',
  'diagnosis.dns.partly.todo': 'Chez votre fournisseur de nom de domaine, ne gardez que {expected} pour {name}.',
  'diagnosis.dns.unverified': '{name} pointe vers {addresses} ; impossible de savoir d’ici si c’est bien ce serveur.',
  'diagnosis.dns.unverified.todo':
    'Si ce serveur est derrière une box, vérifiez que {addresses} est bien votre adresse publique (celle qu’affiche votre box).',
  'diagnosis.dns.failed': 'Le nom {name} n’a pas pu être consulté pour le moment.',
  'diagnosis.dns.failed.todo': 'Vérifiez la connexion Internet de la machine, puis relancez le diagnostic.',
  'diagnosis.tls.off':
    'Le HTTPS est assuré par un autre serveur placé devant celui-ci : son certificat n’est pas vérifié ici.',
  'diagnosis.tls.ok': 'Valable encore {days} jours (jusqu’au {expiresAt}) ; il se renouvelle tout seul.',
  'diagnosis.tls.internal':
    'Un certificat propre à ce serveur (nom de réseau local), valable encore {days} jours ; les navigateurs demandent une fois de lui faire confiance.',
  'diagnosis.tls.expiring': 'Expire dans {days} jours ({expiresAt}) et n’a pas été renouvelé.',
  'diagnosis.tls.expiring.todo':
    'Le renouvellement demande que toutes les adresses ci-dessus pointent vers ce serveur et que les ports 80 et 443 l’atteignent : corrigez-les, puis relancez le diagnostic.',
  'diagnosis.tls.expired': 'Expiré depuis le {expiresAt} : les navigateurs affichent un avertissement à tout le monde.',
  'diagnosis.tls.expired.todo':
    'Vérifiez que toutes les adresses ci-dessus pointent vers ce serveur et que les ports 80 et 443 l’atteignent ; un nouveau certificat est alors demandé tout seul.',
  'diagnosis.tls.untrusted': 'Les navigateurs ne font pas confiance au certificat de {name}.',
  'diagnosis.tls.untrusted.todo':
    'Le plus souvent, les adresses ne pointent pas encore ici, ou les ports 80 et 443 sont fermés : corrigez les lignes ci-dessus, puis relancez le diagnostic.',
  'diagnosis.tls.unreachable': 'L’adresse sécurisée de {name} ne répond pas.',
  'diagnosis.tls.unreachable.todo':
    'Vérifiez sur le tableau de bord que les outils sont démarrés, et que rien d’autre sur la machine n’utilise le port 443.',
  'diagnosis.backup.none': 'Aucune sauvegarde n’a encore été faite.',
  'diagnosis.backup.none.todo': 'Lancez une première sauvegarde depuis le tableau de bord, section « Sauvegardes ».',
  'diagnosis.backup.ok': 'Dernière sauvegarde réussie : {at}.',
  'diagnosis.backup.overdue': 'La dernière sauvegarde réussie est ancienne : {at}.',
  'diagnosis.backup.overdue.todo':
    'Lancez une sauvegarde depuis le tableau de bord et regardez pourquoi les sauvegardes programmées n’ont pas eu lieu.',
  'diagnosis.backup.failed': 'La dernière sauvegarde a échoué.',
  'diagnosis.backup.failed.todo':
    'Ouvrez la section « Sauvegardes » du tableau de bord pour voir pourquoi, puis relancez-en une.',
  'diagnosis.backup.running': 'Une première sauvegarde est en cours.',

  'dnsCheck.button': 'Vérifier',
  'dnsCheck.running': 'Vérification des adresses…',
  'dnsCheck.hint': 'Consulte chaque adresse ci-dessous et dit si elle pointe déjà vers ce serveur.',
  'dnsCheck.allGood': 'Toutes les adresses pointent vers ce serveur.',
};
