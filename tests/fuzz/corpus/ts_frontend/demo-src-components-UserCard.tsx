'use client'

// Presentational component: no database access.
import { useState } from 'react'

export type UserCardProps = {
  user: { id: string; email: string; name: string | null; company: string | null }
}

export function UserCard({ user }: UserCardProps) {
  const [open, setOpen] = useState(false)
  return (
    <div className="user-card">
      <button type="button" onClick={() => setOpen(!open)}>
        {user.name ?? user.email}
      </button>
      {open && (
        <dl>
          <dt>Email</dt>
          <dd>{user.email}</dd>
          <dt>Company</dt>
          <dd>{user.company ?? 'unknown'}</dd>
        </dl>
      )}
    </div>
  )
}
