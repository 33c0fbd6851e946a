import type { enSetupChecks } from './en.setup-checks';

/** Messages en français des vérifications de l'assistant : jeton, DNS et vérification préalable (issue 14). */
export const frSetupChecks: Record<keyof typeof enSetupChecks, string> = {
  'wizard.token.help':
    'Vous ne le retrouvez pas ? Sur le serveur, l’une de ces commandes l’affiche (remplacez tiers-lieux par le nom donné à docker run --name) :',
  'wizard.token.fromLog': 'Dans le journal du serveur :',
  'wizard.token.fromCli': 'Ou en le demandant au serveur :',
  'wizard.token.checking': 'Vérification du jeton…',
  'wizard.token.tooMany': 'Trop de jetons erronés. Attendez {seconds} secondes, puis réessayez.',
  'wizard.domain.notHost':
    'Utilisez un nom sans espace, fait seulement de lettres, de chiffres, de points et de tirets.',
  'wizard.domain.noDot': 'Un nom de domaine contient au moins un point, par exemple tiers-lieu.example.org.',
  'wizard.domain.fromUrl': 'Retenu de l’adresse collée : {domain}',
  'wizard.dns.title': 'Enregistrements DNS à créer',
  'wizard.dns.intro':
    'Chez votre fournisseur de nom de domaine, créez ces enregistrements, chacun vers {address}. Ils correspondent aux services choisis à l’étape 6 ; la liste suit votre choix.',
  'wizard.dns.thisServer': 'l’adresse publique de ce serveur',
  'wizard.dns.name': 'Nom',
  'wizard.dns.type': 'Type',
  'wizard.dns.value': 'Valeur',
  'wizard.dns.unavailable': 'La liste des enregistrements n’a pas pu être chargée : {reason}',
  'preflight.title': 'Avant d’installer',
  'preflight.running': 'Vérification de ce serveur…',
  'preflight.retry': 'Vérifier à nouveau',
  'preflight.failedLoad': 'Les vérifications n’ont pas pu être faites : {reason}',
  'preflight.status.ok': 'OK',
  'preflight.status.warning': 'Attention',
  'preflight.status.failed': 'Problème',
  'preflight.status.unknown': 'Impossible à savoir',
  'preflight.engine.ok': 'Le moteur Docker répond.',
  'preflight.engine.unreachable':
    'Le moteur Docker ne répond pas à {socket}. Démarrez le serveur avec le socket du moteur monté (-v /var/run/docker.sock:/var/run/docker.sock), puis redémarrez-le.',
  'preflight.disk.ok': '{freeGib} Go libres sur le disque des données.',
  'preflight.disk.warning':
    'Seulement {freeGib} Go libres sur le disque des données : assez pour installer, mais les fichiers et les sauvegardes le rempliront vite.',
  'preflight.disk.full':
    'Seulement {freeGib} Go libres sur le disque des données ; l’installation demande au moins {neededGib} Go.',
  'preflight.memory.ok': 'Assez de mémoire pour les services choisis (environ {neededMb} Mo sur {totalMb} Mo).',
  'preflight.memory.warning':
    'Les services choisis peuvent utiliser jusqu’à {neededMb} Mo, ce serveur en a {totalMb} : ils seront lents ou redémarreront. Choisissez moins de services, ou une machine plus grande.',
  'preflight.memory.arch':
    'Cette machine ({arch}) n’est pas prise en charge : les services existent seulement pour x86 64 bits et ARM 64 bits.',
  'preflight.ports.noContainer':
    'Aucun autre service Docker n’utilise les ports {http} et {https}. Un programme installé hors de Docker pourrait encore les occuper : impossible de le savoir d’ici.',
  'preflight.ports.noEngine': 'Impossible de savoir si les ports {http} et {https} sont libres sans le moteur Docker.',
  'preflight.ports.taken':
    'Le ou les ports {ports} sont déjà utilisés par : {containers}. Arrêtez-les avant d’installer.',
  'preflight.blocked': 'L’installation n’est pas encore possible : {reason}',
  'preflight.plan.title': 'Ce qui va se passer',
  'preflight.plan.intro':
    'Le serveur télécharge et démarre chaque service en arrière-plan ; vous pourrez suivre l’avancement sur le tableau de bord.',
  'preflight.plan.base': 'L’accès web et la base de données : environ {minutes} min',
  'preflight.plan.chat': 'Discussion : environ {minutes} min',
  'preflight.plan.pad': 'Pad : environ {minutes} min',
  'preflight.plan.files': 'Fichiers : environ {minutes} min',
  'preflight.plan.none': 'Aucun service à installer : le tableau de bord est prêt tout de suite.',
  'preflight.plan.total': 'Environ {minutes} minutes en tout, selon la connexion.',
  'wizard.errorSummary': 'À corriger : {count} problème(s) sur cette étape.',
};
