import type * as Y from 'yjs'
import { MemoryPersistence } from '../../../src/core/node/relay'
import { startStandaloneRelay, type StandaloneRelay } from '../../helpers/standaloneRelay'
import { SESSION, stockClient, type Client, waitSynced } from './helpers'
import { GRANTS, seed } from './rightsBoard'

/**
 * The rights tests' relay: its tokens are GRANTS (rightsBoard.ts), the session starts from the seeded board
 * (written by the facilitator's stock client), and every stock client a test opens is closed by `stop`.
 */
export class RightsRelay {
  relay!: StandaloneRelay
  private readonly clients: Client[] = []

  /** Starts the relay and seeds the board through the facilitator; returns the facilitator's client. */
  async start(): Promise<Client> {
    const persistence = new MemoryPersistence()
    persistence.create(SESSION)
    this.relay = await startStandaloneRelay({
      port: 0,
      persistence,
      authorize: (_s, token) => (token !== null ? (GRANTS[token] ?? null) : null),
    })
    const fac = this.connect('fac')
    await waitSynced(fac)
    seed(fac.doc)
    return fac
  }

  connect = (token: keyof typeof GRANTS): Client => {
    const c = stockClient(this.relay.url, { token })
    this.clients.push(c)
    return c
  }

  /** The relay's own copy of the session (undefined until loaded). */
  doc = (): Y.Doc | undefined => this.relay.relay.getLoadedDoc(SESSION)

  async stop(): Promise<void> {
    for (const c of this.clients.splice(0)) c.destroy()
    await this.relay.close()
  }
}
