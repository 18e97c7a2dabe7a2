// Defined by Electron Forge's Vite plugin during `npm start`; absent in plain Vite builds.
declare const MAIN_WINDOW_VITE_DEV_SERVER_URL: string | undefined;
declare const MAIN_WINDOW_VITE_NAME: string | undefined;
