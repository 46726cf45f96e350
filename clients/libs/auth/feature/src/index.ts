export { AppShellComponent } from './app-shell.component';
export { safeReturnUrl, SignInPage } from './sign-in.page';
export { SignUpPage } from './sign-up.page';
export { bootstrapWebApp, pageTitle, webAppRoutes, type WebAppOptions } from './web-app';
