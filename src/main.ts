// The page's entry: theme, the app, and the service worker that keeps it working offline.
import { mount } from 'svelte'
import './styles/theme.css'
import App from './App.svelte'

const target = document.getElementById('app')
if (target === null) throw new Error('index.html has no #app element')
mount(App, { target })
