// The web app: console, field (phone), public and screen pages, built into web/dist and served by the API.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // Libraries every page needs load once and stay cached across releases of our own code.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[a-z-]+|dayjs)[\\/]/ },
          ],
        },
      },
    },
  },
  // `npm run dev:web`: hot reload against the API on ZHILI_API (default http://localhost:3000).
  server: { proxy: { '/api': process.env.ZHILI_API ?? 'http://localhost:3000' } },
});
