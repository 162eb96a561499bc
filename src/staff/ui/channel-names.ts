/** Channels (where a case was filed, how the person is answered) as the office names them. */
export const CHANNEL_NAMES: Record<string, string> = {
  sms: "SMS",
  whatsapp: "WhatsApp",
  none: "no quiere respuesta",
  ussd: "USSD",
  web: "web",
  api: "API",
  helpdesk: "mesa de ayuda",
  desk: "en la mesa de ayuda (la persona vuelve)",
  letter: "carta a su dirección",
  email: "correo electrónico",
};
