/**
 * Every text the bot shows, in Dutch (B1). One catalogue so an English one can follow:
 * add `en.ts` with the same keys and choose per user locale in src/i18n/index.ts.
 */
export const nl = {
  common: {
    apology: (ref: string) =>
      `Sorry, er ging iets mis aan onze kant. Probeer het straks nog eens. Blijft het misgaan? Geef dan deze code door aan de projectleider: ${ref}`,
    badInput: 'Dit kon ik niet verwerken. Controleer wat je hebt ingevuld en probeer het opnieuw.',
    unknownAction: 'Deze knop werkt niet meer. Typ **help** om te zien wat je kunt doen.',
    staleCard: 'Deze kaart is verouderd. Typ de opdracht opnieuw voor een nieuwe kaart.',
    notMember: 'Je hoort (nog) niet bij dit partnerschap. Vraag de projectleider om je toe te voegen.',
    noPartnership:
      'Ik ken je nog niet als lid van een partnerschap. Voeg mij toe aan het Team van jullie partnerschap en typ daar **@Leerlab instellen**.',
    onlyInTeam: 'Dit werkt alleen in een kanaal van het Team van jullie partnerschap.',
    notSetUp: 'Dit partnerschap is nog niet ingesteld. De projectleider typt **@Leerlab instellen** in een kanaal van het Team.',
    forbidden: (what: string) => `Dit mag alleen ${what}.`,
    inactive: 'De bot is uit dit Team verwijderd. Voeg hem opnieuw toe om verder te gaan.',
    comingSoon: (name: string) => `**${name}** komt binnenkort. Typ **help** om te zien wat nu al kan.`,
    unknownCommand: 'Dat begrijp ik niet. Typ **help** om te zien wat je kunt doen.',
    choosePartnership: 'Je hoort bij meer dan één partnerschap. Voor welk partnerschap is dit?',
    choosePartnershipTitle: 'Kies een partnerschap',
    unnamedPartnership: 'Partnerschap (nog zonder naam)',
    tooLong: (field: string, max: number) => `${field} is te lang (hoogstens ${max} tekens).`,
    required: (field: string) => `${field} is verplicht.`,
  },
  roles: {
    regiegroep: 'Regiegroep',
    projectleider: 'Projectleider',
    schoolleider: 'Schoolleider',
    docent: 'Docent',
  },
  roleGroups: {
    projectleider: 'de projectleider',
    projectleiderOrRegiegroep: 'de projectleider of de regiegroep',
  },
  schoolTypes: {
    vo: 'Vmbo (vo)',
    mbo: 'Mbo',
    bedrijf: 'Bedrijf',
  },
  install: {
    welcomeTitle: 'Welkom bij Leerlab',
    welcomeText:
      'Ik help jullie partnerschap bij het bouwen van een doorlopende leerroute vmbo-mbo. Ik begeleid de regiegroep, de schoolleiders en de docentwerkgroepen stap voor stap en bewaar wat jullie samen vastleggen.',
    welcomeItems: [
      'Reflectie: samen kijken naar de vijf voorwaarden voor samenwerking.',
      'Haalbaarheid: instroom, kosten en partners op een rij, met een besluit.',
      'Samenwerkingsovereenkomst: per onderdeel schrijven en goedkeuren.',
      'Voortgang en herinneringen voor de projectleider en de regiegroep.',
    ],
    welcomeNext: 'De projectleider begint met **Instellen**: de naam, de scholen en wie welke rol heeft.',
    personalWelcome:
      'Hallo! Ik ben Leerlab, de assistent van jullie partnerschap vmbo-mbo. Hier in de chat vul je vragenlijsten in en krijg je herinneringen. Typ **help** om te zien wat je kunt doen.',
    buttonSetup: 'Instellen',
    buttonHelp: 'Help',
  },
  downloads: {
    title: 'Download',
    expired: 'Deze downloadlink is verlopen (een link werkt een uur). Klik in Teams opnieuw op Download voor een nieuwe link.',
    invalid: 'Deze downloadlink klopt niet. Klik in Teams op Download voor een nieuwe link.',
    gone: 'Dit bestand bestaat niet meer.',
    failed: 'Het maken van het bestand ging mis. Probeer het later nog eens.',
  },
  help: {
    title: 'Wat kan ik voor je doen?',
    intro: (roles: string) => (roles ? `Je rol: ${roles}.` : 'Je hebt nog geen rol in dit partnerschap.'),
    introNoPartnership: 'Je hoort nog niet bij een partnerschap dat ik ken.',
    inChannel: 'In een kanaal zet je **@Leerlab** voor de opdracht.',
    commands: {
      help: 'Dit overzicht.',
      instellen: 'Naam, scholen, rollen en werkgroepen van het partnerschap instellen.',
      reflectie: 'Een reflectie starten op de vijf voorwaarden voor samenwerking.',
      haalbaarheid: 'Het haalbaarheidsonderzoek van een werkgroep openen.',
      overeenkomst: 'Aan de samenwerkingsovereenkomst werken.',
      voortgang: 'Zien hoe ver alle werkgroepen zijn.',
      herinneringen: 'Herinneringen plannen voor de regiegroep.',
      privateChannels:
        'Let op: ik kan niet posten in privékanalen. Koppel een werkgroep aan een standaard of gedeeld kanaal.',
    },
    soon: '(binnenkort)',
  },
  setup: {
    onlyProjectleider: 'de projectleider van dit partnerschap',
    basicsTitle: 'Partnerschap instellen (stap 1 van 3)',
    basicsIntro: 'Vul de naam van het partnerschap in en de scholen en bedrijven die meedoen.',
    nameLabel: 'Naam van het partnerschap',
    namePlaceholder: 'Bijvoorbeeld: Leerlab Noord-Holland',
    schoolLabel: (n: number) => `School of bedrijf ${n}`,
    schoolPlaceholder: 'Naam',
    schoolTypeLabel: 'Soort',
    basicsSave: 'Opslaan en verder',
    membersTitle: (page: number, pages: number) => `Rollen en scholen (stap 2 van 3, blad ${page} van ${pages})`,
    membersIntro:
      'Kies per persoon een of meer rollen en de school. Een onafhankelijke projectleider hoort bij geen school.',
    noSchool: 'Geen school',
    rolesLabel: 'Rollen',
    schoolFieldLabel: 'School',
    werkgroepenFieldLabel: 'Werkgroepen',
    previous: 'Vorige',
    nextPage: 'Opslaan en volgende blad',
    membersDone: 'Opslaan en verder',
    werkgroepenTitle: 'Werkgroepen (stap 3 van 3)',
    werkgroepenIntro:
      'Geef elke werkgroep een naam en koppel een kanaal. Ik kan niet posten in privékanalen: kies een standaard of gedeeld kanaal.',
    werkgroepLabel: (n: number) => `Werkgroep ${n}`,
    channelLabel: 'Kanaal',
    noChannel: 'Nog geen kanaal',
    finish: 'Klaar',
    doneTitle: 'Partnerschap ingesteld',
    doneText: (name: string, schools: number, members: number, werkgroepen: number) =>
      `**${name}**: ${schools} scholen of bedrijven, ${members} mensen met een rol, ${werkgroepen} werkgroepen.`,
    changeAgain: 'Opnieuw aanpassen',
    youAreProjectleider: 'Jij bent nu projectleider van dit partnerschap, omdat je het als eerste instelt.',
    errors: {
      nameRequired: 'Vul de naam van het partnerschap in.',
      schoolsRequired: 'Vul minstens één school in.',
      duplicateSchool: (name: string) => `De naam "${name}" staat er twee keer in. Geef elke school een eigen naam.`,
      schoolTypeMissing: (name: string) => `Kies voor "${name}" de soort: vmbo, mbo of bedrijf.`,
      unknownMember: 'Een van de mensen op deze kaart hoort niet (meer) bij het Team. Open instellen opnieuw.',
      unknownSchool: 'Een gekozen school bestaat niet (meer). Open instellen opnieuw.',
      unknownChannel: 'Een gekozen kanaal bestaat niet (meer) of is een privékanaal. Kies een ander kanaal.',
      lastProjectleider:
        'Er moet altijd minstens één projectleider zijn. Geef eerst iemand anders de rol projectleider.',
      schoolInUse: (name: string) => `"${name}" kan niet weg: er horen nog mensen bij. Haal ze eerst bij die school weg.`,
      noRoster: 'Ik kon de leden van het Team niet ophalen. Probeer het zo nog eens.',
    },
    memberLeft: (name: string) => `${name} is uit het Team gegaan en heeft geen rol meer in het partnerschap.`,
  },
} as const;

export type Catalogue = typeof nl;
