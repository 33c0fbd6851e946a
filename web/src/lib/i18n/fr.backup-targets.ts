import type { enBackupTargets } from './en.backup-targets';

/** Messages français de la carte « Autres emplacements » (copies des sauvegardes ailleurs). */
export const frBackupTargets = {
  'backups.targets.title': 'Autres emplacements',
  'backups.targets.intro':
    'Chaque sauvegarde faite ici est aussi copiée vers ces emplacements : un autre disque, ou un serveur de sauvegarde de votre coopérative d’hébergement. Les copies sont chiffrées avec la même clé.',
  'backups.targets.empty': 'Aucun autre emplacement : les sauvegardes restent sur ce serveur seulement.',
  'backups.targets.kind.directory': 'Dossier ou disque branché',
  'backups.targets.kind.rest': 'Serveur de sauvegarde (restic REST)',
  'backups.targets.kind.sftp': 'Serveur SFTP',
  'backups.targets.kind.s3': 'Stockage compatible S3',
  'backups.targets.keepAll': 'Garde toutes les sauvegardes',
  'backups.targets.keepPolicy': 'Garde {daily} par jour, {weekly} par semaine, {monthly} par mois',
  'backups.targets.off': 'Désactivé',
  'backups.targets.never': 'Pas encore copié',
  'backups.targets.lastCopy': 'Dernière copie {date}',
  'backups.targets.failedAt': 'La dernière copie a échoué ({date}) : {reason}',
  'backups.targets.turnOff': 'Désactiver',
  'backups.targets.turnOn': 'Activer',
  'backups.targets.noRecoveryKey':
    'La clé de secours n’ouvre pas les copies d’ici : créez une nouvelle clé de secours (plus haut) maintenant que cet emplacement est prêt.',
  'backups.targets.remove': 'Retirer…',
  'backups.targets.removeLabel': 'Retirer {label}',
  'backups.targets.removeConfirm':
    'Ne plus copier les sauvegardes vers « {label} » ? Les sauvegardes déjà stockées là-bas ne sont pas effacées : seul ce réglage est oublié.',
  'backups.targets.removeYes': 'Ne plus copier là-bas',
  'backups.targets.removeNo': 'Le garder',
  'backups.targets.changeFailed': 'Cet emplacement n’a pas pu être modifié. {reason}',

  'backups.targets.add': 'Ajouter un emplacement',
  'backups.targets.form.title': 'Un nouvel emplacement pour les copies',
  'backups.targets.form.label': 'Nom',
  'backups.targets.form.labelHint': 'Pour le reconnaître, par exemple « Disque USB » ou « Serveur de la coop ».',
  'backups.targets.form.kind': 'Type d’emplacement',
  'backups.targets.form.location.directory': 'Dossier sur ce serveur',
  'backups.targets.form.location.directoryHint':
    'Un chemin absolu, par exemple /mnt/disque-usb/sauvegardes. Le dossier doit exister.',
  'backups.targets.form.location.rest': 'Adresse du serveur de sauvegarde',
  'backups.targets.form.location.restHint':
    'Par exemple https://nom:motdepasse@sauvegarde.example.org/communaute/. Le mot de passe est rangé à part et n’est plus jamais affiché.',
  'backups.targets.form.retention': 'Ce qui est gardé là-bas',
  'backups.targets.form.keepAll': 'Tout garder (nécessaire pour un serveur qui n’accepte que des ajouts)',
  'backups.targets.form.keepPolicy': 'Retirer les anciennes sauvegardes ainsi :',
  'backups.targets.form.save': 'Ajouter cet emplacement',
  'backups.targets.form.saving': 'Vérification de l’emplacement…',
  'backups.targets.form.cancel': 'Annuler',
  'backups.targets.form.invalid': 'Certaines valeurs sont à revoir.',
  'backups.targets.form.failed': 'Cet emplacement n’a pas pu être ajouté. {reason}',
  'backups.targets.form.labelMissing': 'Donnez un nom à cet emplacement.',
  'backups.targets.form.locationMissing': 'Indiquez où se trouve cet emplacement.',
  'backups.targets.form.countInvalid': 'Un nombre entier à partir de 0.',

  'backups.targets.problem.notAbsolute': 'Donnez un chemin absolu, qui commence par /.',
  'backups.targets.problem.systemPath': 'Ce dossier appartient au système : choisissez un dossier d’un disque branché.',
  'backups.targets.problem.notHttpUrl': 'Donnez une adresse qui commence par http:// ou https://.',
  'backups.targets.problem.targetWrongPassword':
    'Cet emplacement contient déjà des sauvegardes que ce serveur ne peut pas ouvrir (une autre clé).',
  'backups.targets.problem.targetMissingDirectory': 'Ce dossier n’existe pas sur le serveur.',
  'backups.targets.problem.targetUnreachable':
    'Cet emplacement ne répond pas : vérifiez l’adresse et qu’il est allumé.',
  'backups.targets.problem.targetFailed': 'Cet emplacement n’a pas pu être ouvert ni préparé.',
  'backups.targets.problem.targetNoRepository': 'Aucune sauvegarde n’y a été trouvée.',
  'backups.targets.problem.targetLocked': 'Une autre opération occupait cet emplacement.',
  'backups.targets.problem.targetDiskFull': 'Cet emplacement est plein.',
  'backups.targets.problem.targetTimeout': 'Cet emplacement a cessé de répondre.',

  // SFTP and S3 places (issue 10).
  'backups.targets.form.location.sftp': 'Serveur SFTP',
  'backups.targets.form.location.sftpHint':
    'L’utilisateur sous lequel les sauvegardes sont rangées, le nom ou l’adresse du serveur, son port SSH (22 d’habitude) et le dossier là-bas, par exemple /srv/sauvegardes/communaute.',
  'backups.targets.form.location.s3': 'Stockage compatible S3',
  'backups.targets.form.location.s3Hint':
    'L’adresse du service (par exemple https://s3.example.org), le bucket, et si besoin un dossier dedans.',
  'backups.targets.form.sftp.publicKey': 'La clé publique de ce serveur',
  'backups.targets.form.sftp.publicKeyHint':
    'Ajoutez cette ligne au fichier ~/.ssh/authorized_keys de cet utilisateur sur le serveur SFTP : elle laisse entrer ce serveur, et lui seul.',
  'backups.targets.form.sftp.publicKeyFailed': 'La clé publique n’a pas pu être affichée. {reason}',
  'backups.targets.form.sftp.user': 'Utilisateur',
  'backups.targets.form.sftp.host': 'Serveur',
  'backups.targets.form.sftp.port': 'Port',
  'backups.targets.form.sftp.path': 'Dossier',
  'backups.targets.form.sftp.hostKey': 'La clé propre au serveur SFTP',
  'backups.targets.form.sftp.hostKeyHint':
    'Collez le contenu de /etc/ssh/ssh_host_ed25519_key.pub de ce serveur (demandez-le à son administrateur). Seul un serveur qui montre cette clé recevra les sauvegardes.',
  'backups.targets.form.sftp.fingerprint': 'Son empreinte (comparez-la avec « ssh-keygen -lf » sur le serveur) :',
  'backups.targets.form.s3.endpoint': 'Adresse du service',
  'backups.targets.form.s3.bucket': 'Bucket',
  'backups.targets.form.s3.path': 'Dossier (facultatif)',
  'backups.targets.form.s3.pathStyle': 'Bucket dans le chemin (la plupart des services auto-hébergés : MinIO, Garage…)',
  'backups.targets.form.s3.accessKeyId': 'Clé d’accès',
  'backups.targets.form.s3.secretAccessKey': 'Clé secrète (rangée à part, plus jamais affichée)',
  'backups.targets.fingerprint': 'Clé du serveur {fingerprint}',
  'backups.targets.problem.notSftpLocation':
    'Donnez un utilisateur, un serveur, un port et un dossier qui commence par / (lettres, chiffres et . _ - seulement).',
  'backups.targets.problem.notHostKey': 'Collez la clé du serveur : une ligne comme « ssh-ed25519 AAAA… ».',
  'backups.targets.problem.notS3Location':
    'Donnez l’adresse du service (https://…) et un nom de bucket (minuscules, chiffres, points et tirets).',
  'backups.targets.problem.notS3Keys': 'Donnez la clé d’accès et la clé secrète.',
  'backups.targets.problem.targetHostKeyMismatch':
    'Le serveur n’a pas montré la clé donnée : c’est peut-être un autre serveur, ou sa clé a changé. Comparez les empreintes.',
  'backups.targets.problem.targetSshDenied':
    'Le serveur a refusé la clé de ce serveur : ajoutez la clé publique ci-dessus au fichier authorized_keys de cet utilisateur.',
  'backups.targets.problem.targetS3Denied':
    'Le stockage a refusé ces clés : vérifiez la clé d’accès, la clé secrète et leurs droits sur le bucket.',

  'jobs.stage.backupCopy': 'Copie de la sauvegarde vers {target}',
  'jobs.stage.backupForgetTarget': 'Retrait des anciennes sauvegardes sur {target}',
  'jobs.stage.backupCheckTarget': 'Relecture de la partie {subset} des sauvegardes sur {target}',
  'jobs.error.backupTargetFailed':
    'La sauvegarde est gardée sur ce serveur, mais elle n’a pas pu être copiée vers : {targets}. Voir « Autres emplacements ».',
  'jobs.error.backupTargetForgetFailed': 'Les anciennes sauvegardes n’ont pas pu être retirées sur : {targets}.',
  'jobs.error.backupTargetCheckFailed': 'La vérification a trouvé un problème ou n’a pas pu aboutir sur : {targets}.',
} satisfies Record<keyof typeof enBackupTargets, string>;
