/** The session cookie's name: shared by the app and the server's page cache, which serves only requests without it. */
export const SESSION_COOKIE = "bh_session";
