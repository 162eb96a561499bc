/** SISFOH socioeconomic classification (CSE) answers; neutral: the engine lists them, the services check them. */
export const CSE_VALUES = ["pobre_extremo", "pobre", "no_pobre", "sin_clasificacion", "no_sabe"] as const;
