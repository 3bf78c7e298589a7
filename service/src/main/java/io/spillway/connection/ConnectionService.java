package io.spillway.connection;

import io.spillway.api.ConflictException;
import io.spillway.api.InvalidRequestException;
import io.spillway.api.NotFoundException;
import io.spillway.egress.EgressRefusedProblem;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Registers, shows, removes and tests connections; everything it returns is redacted. */
@Service
public class ConnectionService {
    private static final Logger log = LoggerFactory.getLogger(ConnectionService.class);

    private final ConnectionStore store;
    private final ConnectionTester tester;
    private final ConnectionEgress egress;

    public ConnectionService(ConnectionStore store, ConnectionTester tester, ConnectionEgress egress) {
        this.store = store;
        this.tester = tester;
        this.egress = egress;
    }

    public Connection create(Connection connection) {
        List<String> problems = new ArrayList<>();
        String idProblem = ConnectionIds.problem(connection.connectionId());
        if (idProblem != null) {
            problems.add(idProblem);
        }
        problems.addAll(connection.problems());
        if (!problems.isEmpty()) {
            throw new InvalidRequestException("invalid " + connection.type() + " connection: "
                    + String.join("; ", problems));
        }
        egress.refusal(connection).ifPresent(reason -> {
            throw new EgressRefusedProblem(connection.type() + " connection '" + connection.connectionId()
                    + "' is not created: " + reason);
        });
        if (!store.createIfAbsent(connection)) {
            throw new ConflictException("connection '" + connection.connectionId() + "' already exists: delete it"
                    + " first (DELETE /connection/delete?connection_id=" + connection.connectionId()
                    + ") or choose another connection_id");
        }
        log.info("connection '{}' ({}) registered", connection.connectionId(), connection.type());
        return connection.redacted();
    }

    public List<Connection> list() {
        return store.findAll().stream().map(Connection::redacted).toList();
    }

    public Connection info(String connectionId) {
        return require(connectionId).redacted();
    }

    public void delete(String connectionId) {
        ConnectionIds.require(connectionId);
        if (!store.delete(connectionId)) {
            throw notFound(connectionId);
        }
        log.info("connection '{}' deleted", connectionId);
    }

    public ConnectionTestResult test(String connectionId) {
        Connection connection = require(connectionId);
        ConnectionTestResult result = tester.test(connection);
        log.info("connection '{}' ({}) test: ok={} in {} ms", connectionId, connection.type(), result.ok(),
                result.latencyMs());
        return result;
    }

    private Connection require(String connectionId) {
        ConnectionIds.require(connectionId);
        return store.find(connectionId).orElseThrow(() -> notFound(connectionId));
    }

    private static NotFoundException notFound(String connectionId) {
        return new NotFoundException("connection '" + connectionId + "' does not exist: GET /connection/list"
                + " shows the registered ones, POST /connection/create adds one");
    }
}
