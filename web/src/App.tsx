import { lazy, type ReactNode, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, errorMessage, setUnauthorizedHandler } from './api/client';
import type { User } from './api/types';
import { LiveRegion } from './live';
import { DATASET_LINKS, datasetPath, matchRoute, type Route } from './logic/routes';
import { AnnotatePage } from './pages/Annotate';
import { AuditsPage } from './pages/Audits';
import { DatasetsPage } from './pages/Datasets';
import { LoginPage } from './pages/Login';
import { RecordsPage } from './pages/Records';
import { ReviewPage } from './pages/Review';
import { SecondReviewPage } from './pages/SecondReview';
import { Link, navigate, useLocation, useVisit } from './router';
import { canReview, type Session, SessionContext } from './session';

// The progress page pulls in the chart library; it loads only when someone opens it.
const ProgressPage = lazy(() => import('./pages/Progress').then((m) => ({ default: m.ProgressPage })));
const ReleasesPage = lazy(() => import('./pages/Releases').then((m) => ({ default: m.ReleasesPage })));

export function App() {
  const { pathname, search, href } = useLocation();
  const route = matchRoute(pathname);
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [bootError, setBootError] = useState<string | null>(null);

  useEffect(() => {
    setUnauthorizedHandler(() => setUser(null));
    // The login page does not ask who is logged in: a logged-out browser would log a 401 for it.
    if (matchRoute(window.location.pathname).page === 'login') {
      setUser(null);
      return () => setUnauthorizedHandler(null);
    }
    api
      .me()
      .then((s) => setUser(s?.user ?? null))
      .catch((e) => setBootError(errorMessage(e)));
    return () => setUnauthorizedHandler(null);
  }, []);

  useEffect(() => {
    if (user === null && route.page !== 'login')
      navigate(`/login?next=${encodeURIComponent(href)}`, { replace: true });
  }, [user, route.page, href]);

  const logout = useCallback(() => {
    api.logout().finally(() => {
      setUser(null);
      navigate('/login');
    });
  }, []);
  const session = useMemo<Session | null>(() => (user ? { user, logout } : null), [user, logout]);

  // After a navigation, put focus at the top of the new page so screen readers start there.
  const mainRef = useRef<HTMLElement>(null);
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every path change on purpose
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: false });
  }, [pathname]);

  let content: ReactNode;
  if (bootError) content = <p role="alert">Cannot start: {bootError}</p>;
  else if (route.page === 'login')
    content = <LoginPage next={search.get('next')} loggedIn={!!user} onLogin={(u) => setUser(u)} />;
  else if (!session) content = <p className="muted">Loading…</p>;
  else content = <RoutePage route={route} />;

  return (
    <SessionContext.Provider value={session}>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <Header route={route} user={user ?? null} onLogout={logout} />
      <main id="main" ref={mainRef} tabIndex={-1}>
        <Suspense fallback={<p className="muted">Loading…</p>}>{content}</Suspense>
      </main>
      <LiveRegion />
    </SessionContext.Provider>
  );
}

function RoutePage({ route }: { route: Route }) {
  const visit = useVisit();
  const key = 'dataset' in route ? `${route.dataset}:${visit}` : String(visit);
  switch (route.page) {
    case 'datasets':
      return <DatasetsPage key={key} />;
    case 'annotate':
      return <AnnotatePage key={key} dataset={route.dataset} />;
    case 'review':
      return <ReviewPage key={key} dataset={route.dataset} />;
    case 'second':
      return <SecondReviewPage key={key} dataset={route.dataset} />;
    case 'records':
      return <RecordsPage key={key} dataset={route.dataset} />;
    case 'progress':
      return <ProgressPage key={key} dataset={route.dataset} />;
    case 'audits':
      return <AuditsPage key={key} dataset={route.dataset} />;
    case 'releases':
      return <ReleasesPage key={key} dataset={route.dataset} />;
    default:
      return (
        <section>
          <h1>Page not found</h1>
          <p>
            <Link to="/">Back to the datasets</Link>
          </p>
        </section>
      );
  }
}

function Header({ route, user, onLogout }: { route: Route; user: User | null; onLogout: () => void }) {
  const dataset = 'dataset' in route ? route.dataset : null;
  const reviewer = !!user && canReview(user.role);
  return (
    <header className="app-header">
      <nav aria-label="Main" className="main-nav">
        <Link to="/" className="brand" aria-current={route.page === 'datasets' ? 'page' : undefined}>
          Tandem
        </Link>
        {user && (
          <Link to="/" aria-current={route.page === 'datasets' ? 'page' : undefined}>
            Datasets
          </Link>
        )}
        {user && dataset && (
          <ul className="dataset-nav" aria-label={`Dataset ${dataset}`}>
            <li className="dataset-name" dir="auto">
              {dataset}
            </li>
            {DATASET_LINKS.filter((p) => reviewer || !p.reviewers).map((p) => (
              <li key={p.page}>
                <Link
                  to={datasetPath(dataset, p.page)}
                  aria-current={route.page === p.page ? 'page' : undefined}
                >
                  {p.label}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </nav>
      {user && (
        <div className="user-box">
          <span>
            <span dir="auto">{user.username}</span> <span className="badge">{user.role}</span>
          </span>
          <button type="button" onClick={onLogout}>
            Log out
          </button>
        </div>
      )}
    </header>
  );
}
