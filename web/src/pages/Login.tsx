import { type FormEvent, useEffect, useId, useState } from 'react';
import { api, errorMessage } from '../api/client';
import type { User } from '../api/types';
import { ErrorAlert } from '../components/ErrorAlert';
import { safeNext } from '../logic/routes';
import { navigate } from '../router';
import { useTitle } from '../useTitle';

export function LoginPage({
  next,
  loggedIn,
  onLogin,
}: {
  next: string | null;
  loggedIn: boolean;
  onLogin: (user: User) => void;
}) {
  useTitle('Log in');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorId = useId();

  useEffect(() => {
    if (loggedIn) navigate(safeNext(next), { replace: true });
  }, [loggedIn, next]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!username.trim() || !password) {
      setError('Enter your user name and password.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const s = await api.login(username.trim(), password);
      onLogin(s.user);
      navigate(safeNext(next), { replace: true });
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <section className="login">
      <h1>Log in to Tandem</h1>
      <form onSubmit={submit} aria-describedby={error ? errorId : undefined} noValidate>
        <label>
          User name
          <input
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            aria-invalid={!!error}
          />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={!!error}
          />
        </label>
        <ErrorAlert id={errorId} message={error} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
      </form>
    </section>
  );
}
