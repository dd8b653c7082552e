export default {
  compilerOptions: {
    // Styles go to a CSS file, not injected at runtime: the CSP allows no inline styles.
    css: "external",
  },
};
