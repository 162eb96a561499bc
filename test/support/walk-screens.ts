// The walker lives in src/i18n (the translators' export uses it too).
export * from "../../src/i18n/walk-screens";
