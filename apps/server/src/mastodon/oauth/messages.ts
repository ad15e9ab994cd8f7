/**
 * The words of the server-rendered OAuth pages (sign-in, consent, code, error) in the web client's
 * languages: English, Spanish and Arabic (right to left). `{name}` marks a value filled in by
 * pages.ts. The language is the authorization request's `lang` (Mastodon's parameter, ISO 639-1),
 * else the browser's Accept-Language, else English.
 */

export const OAUTH_LOCALES = ['en', 'es', 'ar'] as const;
export type OAuthLocale = (typeof OAUTH_LOCALES)[number];

const RTL: ReadonlySet<OAuthLocale> = new Set(['ar']);

export function directionOf(locale: OAuthLocale): 'ltr' | 'rtl' {
  return RTL.has(locale) ? 'rtl' : 'ltr';
}

/** A language tag ("es", "ES", "es-MX", "ar_EG") as one of ours, or null. */
export function toOAuthLocale(tag: unknown): OAuthLocale | null {
  if (typeof tag !== 'string') return null;
  const base = tag.trim().toLowerCase().split(/[-_]/)[0];
  return (OAUTH_LOCALES as readonly string[]).includes(base ?? '') ? (base as OAuthLocale) : null;
}

/** The first language in an Accept-Language header (by q-value, then order) that the pages speak. */
export function fromAcceptLanguage(header: string | undefined): OAuthLocale | null {
  if (!header) return null;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q === undefined ? 1 : Number(q.slice(2));
      return { tag: tag.trim(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.tag && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { tag } of ranked) {
    const locale = toOAuthLocale(tag);
    if (locale) return locale;
  }
  return null;
}

/** The request's `lang`, else the browser's preference, else English. */
export function chooseLocale(lang: unknown, acceptLanguage: string | undefined): OAuthLocale {
  return toOAuthLocale(lang) ?? fromAcceptLanguage(acceptLanguage) ?? 'en';
}

const en = {
  signInTitle: 'Sign in',
  signInHeading: 'Sign in to Rounds',
  signInIntro: '{app} wants to use your account.',
  login: 'Email or username',
  password: 'Password',
  signIn: 'Sign in',
  wrongCredentials: 'Wrong email/username or password.',
  accountDisabled: 'This account is disabled.',
  accountPending: 'This account is waiting for approval by a moderator.',
  sessionEnded: 'Your session ended; sign in again.',
  consentTitle: 'Authorize',
  consentHeading: 'Authorize {app}?',
  consentIntro: 'Signed in as {user}. This app will be able to:',
  approve: 'Authorize',
  deny: 'Deny',
  switchAccount: 'Not {user}? Sign in with another account',
  codeTitle: 'Authorization code',
  codeIntro: 'Copy this code into the app:',
  errorTitle: 'Error',
  errorHeading: 'Something is wrong with this request',
  signInFormExpired: 'This form expired. Go back, reload the page and sign in again.',
  consentFormExpired: 'This form expired. Go back and try again.',
  denied: 'You denied access to the app.',
  chooseAction: 'Choose Authorize or Deny.',
  unknownClient: 'The app that sent you here is not registered on this server.',
  badScope: 'The app asked for permissions it cannot have.',
  badRequest: 'The app that sent you here made a request this server cannot accept.',
  errorDetail: 'Details for the app’s developer: {detail}',
  scopes: {
    read: 'read your posts, timelines, lists and profile',
    write: 'post, edit and delete on your behalf',
    follow: 'follow, block and mute accounts',
    push: 'receive push notifications',
    profile: 'see your basic profile',
    'read:accounts': 'see profiles, yours included',
    'read:blocks': 'see the accounts you block',
    'read:bookmarks': 'see your bookmarks',
    'read:favourites': 'see the posts you liked',
    'read:filters': 'see your filters',
    'read:follows': 'see whom you follow and your follow requests',
    'read:lists': 'see your lists',
    'read:mutes': 'see the accounts you mute',
    'read:notifications': 'read your notifications',
    'read:search': 'search on your behalf',
    'read:statuses': 'read the posts and timelines you can see',
    'write:accounts': 'change your profile and preferences',
    'write:blocks': 'block and unblock accounts',
    'write:bookmarks': 'add and remove bookmarks',
    'write:conversations': 'change and remove your conversations',
    'write:favourites': 'like posts and take likes back',
    'write:filters': 'create, change and delete your filters',
    'write:follows': 'follow and unfollow accounts and hashtags',
    'write:lists': 'create, change and delete your lists',
    'write:media': 'upload images and other media',
    'write:mutes': 'mute and unmute accounts',
    'write:notifications': 'dismiss your notifications',
    'write:reports': 'report accounts and posts',
    'write:statuses': 'post, edit and delete posts',
    'admin:read': 'read all moderation data of this server',
    'admin:write': 'take moderation actions on this server',
    'admin:read:accounts': 'read the private details of every account',
    'admin:write:accounts': 'take moderation actions on accounts',
    'admin:read:reports': 'read every report',
    'admin:write:reports': 'act on reports',
  } as Record<string, string>,
};

export type OAuthMessages = typeof en;

const es: OAuthMessages = {
  signInTitle: 'Iniciar sesión',
  signInHeading: 'Inicia sesión en Rounds',
  signInIntro: '{app} quiere usar tu cuenta.',
  login: 'Correo electrónico o nombre de usuario',
  password: 'Contraseña',
  signIn: 'Iniciar sesión',
  wrongCredentials: 'El correo electrónico, el nombre de usuario o la contraseña no son correctos.',
  accountDisabled: 'Esta cuenta está desactivada.',
  accountPending: 'Esta cuenta espera la aprobación de una persona moderadora.',
  sessionEnded: 'Tu sesión terminó; inicia sesión de nuevo.',
  consentTitle: 'Autorizar',
  consentHeading: '¿Autorizar a {app}?',
  consentIntro: 'Sesión iniciada como {user}. Esta aplicación podrá:',
  approve: 'Autorizar',
  deny: 'Denegar',
  switchAccount: '¿No eres {user}? Inicia sesión con otra cuenta',
  codeTitle: 'Código de autorización',
  codeIntro: 'Copia este código en la aplicación:',
  errorTitle: 'Error',
  errorHeading: 'Algo falla en esta solicitud',
  signInFormExpired: 'Este formulario caducó. Vuelve atrás, recarga la página e inicia sesión de nuevo.',
  consentFormExpired: 'Este formulario caducó. Vuelve atrás e inténtalo de nuevo.',
  denied: 'Denegaste el acceso a la aplicación.',
  chooseAction: 'Elige Autorizar o Denegar.',
  unknownClient: 'La aplicación que te trajo aquí no está registrada en este servidor.',
  badScope: 'La aplicación pidió permisos que no puede tener.',
  badRequest: 'La aplicación que te trajo aquí hizo una solicitud que este servidor no puede aceptar.',
  errorDetail: 'Detalles para quien desarrolla la aplicación: {detail}',
  scopes: {
    read: 'leer tus publicaciones, cronologías, listas y perfil',
    write: 'publicar, editar y eliminar en tu nombre',
    follow: 'seguir, bloquear y silenciar cuentas',
    push: 'recibir notificaciones push',
    profile: 'ver tu perfil básico',
    'read:accounts': 'ver perfiles, también el tuyo',
    'read:blocks': 'ver las cuentas que bloqueas',
    'read:bookmarks': 'ver tus guardados',
    'read:favourites': 'ver las publicaciones que te gustaron',
    'read:filters': 'ver tus filtros',
    'read:follows': 'ver a quién sigues y tus solicitudes de seguimiento',
    'read:lists': 'ver tus listas',
    'read:mutes': 'ver las cuentas que silencias',
    'read:notifications': 'leer tus notificaciones',
    'read:search': 'buscar en tu nombre',
    'read:statuses': 'leer las publicaciones y cronologías que puedes ver',
    'write:accounts': 'cambiar tu perfil y tus preferencias',
    'write:blocks': 'bloquear y desbloquear cuentas',
    'write:bookmarks': 'guardar publicaciones y quitarlas de tus guardados',
    'write:conversations': 'cambiar y eliminar tus conversaciones',
    'write:favourites': 'marcar publicaciones con «Me gusta» y quitarlo',
    'write:filters': 'crear, cambiar y eliminar tus filtros',
    'write:follows': 'seguir y dejar de seguir cuentas y etiquetas',
    'write:lists': 'crear, cambiar y eliminar tus listas',
    'write:media': 'subir imágenes y otros archivos multimedia',
    'write:mutes': 'silenciar cuentas y dejar de silenciarlas',
    'write:notifications': 'descartar tus notificaciones',
    'write:reports': 'denunciar cuentas y publicaciones',
    'write:statuses': 'publicar, editar y eliminar publicaciones',
    'admin:read': 'leer todos los datos de moderación de este servidor',
    'admin:write': 'tomar medidas de moderación en este servidor',
    'admin:read:accounts': 'leer los datos privados de todas las cuentas',
    'admin:write:accounts': 'tomar medidas de moderación sobre cuentas',
    'admin:read:reports': 'leer todas las denuncias',
    'admin:write:reports': 'resolver denuncias',
  },
};

const ar: OAuthMessages = {
  signInTitle: 'تسجيل الدخول',
  signInHeading: 'سجّل الدخول إلى Rounds',
  signInIntro: 'يريد {app} استخدام حسابك.',
  login: 'البريد الإلكتروني أو اسم المستخدم',
  password: 'كلمة المرور',
  signIn: 'تسجيل الدخول',
  wrongCredentials: 'البريد الإلكتروني أو اسم المستخدم أو كلمة المرور غير صحيحة.',
  accountDisabled: 'هذا الحساب معطّل.',
  accountPending: 'هذا الحساب بانتظار موافقة أحد المشرفين.',
  sessionEnded: 'انتهت جلستك؛ سجّل الدخول مجددًا.',
  consentTitle: 'السماح',
  consentHeading: 'أتسمح لـ {app}؟',
  consentIntro: 'مسجّل الدخول باسم {user}. سيتمكن هذا التطبيق من:',
  approve: 'اسمح',
  deny: 'ارفض',
  switchAccount: 'لست {user}؟ سجّل الدخول بحساب آخر',
  codeTitle: 'رمز التفويض',
  codeIntro: 'انسخ هذا الرمز إلى التطبيق:',
  errorTitle: 'خطأ',
  errorHeading: 'في هذا الطلب خطأ ما',
  signInFormExpired: 'انتهت صلاحية هذا النموذج. ارجع وأعد تحميل الصفحة ثم سجّل الدخول مجددًا.',
  consentFormExpired: 'انتهت صلاحية هذا النموذج. ارجع وحاول مجددًا.',
  denied: 'رفضت وصول التطبيق إلى حسابك.',
  chooseAction: 'اختر «اسمح» أو «ارفض».',
  unknownClient: 'التطبيق الذي أرسلك إلى هنا غير مسجّل على هذا الخادم.',
  badScope: 'طلب التطبيق صلاحيات لا يمكن أن يحصل عليها.',
  badRequest: 'أرسل التطبيق الذي أحالك إلى هنا طلبًا لا يستطيع هذا الخادم قبوله.',
  errorDetail: 'تفاصيل لمطوّر التطبيق: {detail}',
  scopes: {
    read: 'قراءة منشوراتك وخطوطك الزمنية وقوائمك وملفك الشخصي',
    write: 'النشر والتعديل والحذف نيابةً عنك',
    follow: 'متابعة الحسابات وحظرها وكتمها',
    push: 'تلقي الإشعارات الفورية',
    profile: 'رؤية ملفك الشخصي الأساسي',
    'read:accounts': 'رؤية الملفات الشخصية، ومنها ملفك',
    'read:blocks': 'رؤية الحسابات التي تحظرها',
    'read:bookmarks': 'رؤية محفوظاتك',
    'read:favourites': 'رؤية المنشورات التي أعجبتك',
    'read:filters': 'رؤية عوامل التصفية لديك',
    'read:follows': 'رؤية من تتابعهم وطلبات المتابعة',
    'read:lists': 'رؤية قوائمك',
    'read:mutes': 'رؤية الحسابات التي تكتمها',
    'read:notifications': 'قراءة إشعاراتك',
    'read:search': 'البحث نيابةً عنك',
    'read:statuses': 'قراءة المنشورات والخطوط الزمنية التي يمكنك رؤيتها',
    'write:accounts': 'تغيير ملفك الشخصي وتفضيلاتك',
    'write:blocks': 'حظر الحسابات وإلغاء حظرها',
    'write:bookmarks': 'حفظ المنشورات وإزالتها من المحفوظات',
    'write:conversations': 'تغيير محادثاتك وإزالتها',
    'write:favourites': 'الإعجاب بالمنشورات وإلغاء الإعجاب',
    'write:filters': 'إنشاء عوامل التصفية وتغييرها وحذفها',
    'write:follows': 'متابعة الحسابات والوسوم وإلغاء متابعتها',
    'write:lists': 'إنشاء قوائمك وتغييرها وحذفها',
    'write:media': 'رفع الصور والوسائط الأخرى',
    'write:mutes': 'كتم الحسابات وإلغاء كتمها',
    'write:notifications': 'تجاهل إشعاراتك',
    'write:reports': 'الإبلاغ عن الحسابات والمنشورات',
    'write:statuses': 'نشر المنشورات وتعديلها وحذفها',
    'admin:read': 'قراءة كل بيانات الإشراف على هذا الخادم',
    'admin:write': 'اتخاذ إجراءات الإشراف على هذا الخادم',
    'admin:read:accounts': 'قراءة البيانات الخاصة لكل الحسابات',
    'admin:write:accounts': 'اتخاذ إجراءات الإشراف على الحسابات',
    'admin:read:reports': 'قراءة كل البلاغات',
    'admin:write:reports': 'معالجة البلاغات',
  },
};

export const OAUTH_MESSAGES: Record<OAuthLocale, OAuthMessages> = { en, es, ar };

/** What a person is told about an authorization request the server refuses (`OAuthError.oauthCode`). */
export function refusalText(messages: OAuthMessages, oauthCode: string): string {
  if (oauthCode === 'invalid_client') return messages.unknownClient;
  if (oauthCode === 'invalid_scope') return messages.badScope;
  return messages.badRequest;
}
