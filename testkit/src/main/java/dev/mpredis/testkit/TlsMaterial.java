package dev.mpredis.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Certificates and keys for a TLS test server, generated at test time (nothing is committed): a CA,
 * a server certificate for {@code localhost} and {@code 127.0.0.1} signed by it, a client
 * certificate for mutual TLS signed by it, and an unrelated "wrong" CA so tests can prove that
 * verification fails closed. Two faulty server certificates, also signed by the CA and for the same
 * server key, let a server present a single defect instead ({@link TlsServerCertificate}): an
 * expired one and one for another host. Keys are EC P-256; certificates are valid from an hour ago
 * for a day, except the expired one.
 *
 * <p>Every item exists as a file in the material's directory: PEM certificates, PEM keys (PKCS#8,
 * unencrypted) and PKCS#12 stores protected by {@link #storePassword()}. The {@code KeyStore}
 * accessors load a fresh copy each call. Instances are immutable and thread-safe; the files live as
 * long as the directory (a server's directory is deleted when the server is closed).
 */
public final class TlsMaterial {

  private static final String STORE_PASSWORD = "testkit";

  /** The only DNS name of the {@link TlsServerCertificate#WRONG_HOST} certificate. */
  public static final String WRONG_HOST_NAME = "wrong-host.invalid";

  /**
   * The only IP address of the {@link TlsServerCertificate#WRONG_HOST} certificate (TEST-NET-1).
   */
  public static final String WRONG_HOST_ADDRESS = "192.0.2.1";

  private final Path directory;

  private TlsMaterial(Path directory) {
    this.directory = directory;
  }

  /**
   * Generates new material into {@code directory} (created if missing).
   *
   * @throws IllegalStateException if the JDK cannot generate EC keys or sign certificates
   * @throws UncheckedIOException if the files cannot be written
   */
  public static TlsMaterial generate(Path directory) {
    try {
      Files.createDirectories(directory);
      KeyPair caKeys = Certificates.newKeyPair();
      X509Certificate ca = Certificates.caCertificate("CN=mp-redis testkit CA", caKeys);
      KeyPair wrongCaKeys = Certificates.newKeyPair();
      X509Certificate wrongCa =
          Certificates.caCertificate("CN=mp-redis testkit wrong CA", wrongCaKeys);

      KeyPair serverKeys = Certificates.newKeyPair();
      GeneralNames serverNames =
          new GeneralNames(
              new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")
              });
      Instant now = Instant.now();
      Instant validFrom = now.minus(Duration.ofHours(1));
      Instant validUntil = now.plus(Certificates.VALIDITY);
      X509Certificate server =
          Certificates.serverCertificate(
              "localhost", serverNames, serverKeys, ca, caKeys, validFrom, validUntil);
      X509Certificate expiredServer =
          Certificates.serverCertificate(
              "localhost",
              serverNames,
              serverKeys,
              ca,
              caKeys,
              now.minus(Duration.ofDays(2)),
              now.minus(Duration.ofDays(1)));
      GeneralNames wrongNames =
          new GeneralNames(
              new GeneralName[] {
                new GeneralName(GeneralName.dNSName, WRONG_HOST_NAME),
                new GeneralName(GeneralName.iPAddress, WRONG_HOST_ADDRESS)
              });
      X509Certificate wrongHostServer =
          Certificates.serverCertificate(
              WRONG_HOST_NAME, wrongNames, serverKeys, ca, caKeys, validFrom, validUntil);
      KeyPair clientKeys = Certificates.newKeyPair();
      X509Certificate client =
          Certificates.leafCertificate(
              "CN=mp-redis testkit client",
              clientKeys,
              ca,
              caKeys,
              KeyPurposeId.id_kp_clientAuth,
              null,
              validFrom,
              validUntil);

      TlsMaterial material = new TlsMaterial(directory);
      writePem(material.caCertificate(), ca);
      writePem(material.wrongCaCertificate(), wrongCa);
      writePem(material.serverCertificate(), server);
      writePem(material.serverCertificate(TlsServerCertificate.EXPIRED), expiredServer);
      writePem(material.serverCertificate(TlsServerCertificate.WRONG_HOST), wrongHostServer);
      writePem(material.serverKey(), new JcaPKCS8Generator(serverKeys.getPrivate(), null));
      writePem(material.clientCertificate(), client);
      writePem(material.clientKey(), new JcaPKCS8Generator(clientKeys.getPrivate(), null));
      writeStore(material.trustStoreFile(), trustStoreOf(ca));
      writeStore(material.wrongTrustStoreFile(), trustStoreOf(wrongCa));
      KeyStore clientStore = emptyStore();
      clientStore.setKeyEntry(
          "client",
          clientKeys.getPrivate(),
          STORE_PASSWORD.toCharArray(),
          new Certificate[] {client});
      writeStore(material.clientKeyStoreFile(), clientStore);
      return material;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write TLS material to " + directory, e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("could not generate TLS material", e);
    }
  }

  /** Material generated earlier into {@code directory}. */
  static TlsMaterial existing(Path directory) {
    return new TlsMaterial(directory);
  }

  /** The directory holding every file of this material. */
  public Path directory() {
    return directory;
  }

  /** The CA certificate (PEM) that signed the server and client certificates. */
  public Path caCertificate() {
    return directory.resolve("ca.crt");
  }

  /** A PKCS#12 trust store holding only the CA certificate. */
  public Path trustStoreFile() {
    return directory.resolve("ca.p12");
  }

  /** The trust store of {@link #trustStoreFile()}, loaded. */
  public KeyStore trustStore() {
    return load(trustStoreFile());
  }

  /**
   * The valid server certificate (PEM), for {@code localhost} and {@code 127.0.0.1}: {@code
   * serverCertificate(TlsServerCertificate.VALID)}.
   */
  public Path serverCertificate() {
    return serverCertificate(TlsServerCertificate.VALID);
  }

  /**
   * The server certificate (PEM) of the given kind; whichever a server presents, its key is {@link
   * #serverKey()}.
   */
  public Path serverCertificate(TlsServerCertificate which) {
    return directory.resolve(Objects.requireNonNull(which, "which").fileName());
  }

  /**
   * The server certificate of the given kind, parsed.
   *
   * @throws UncheckedIOException if the file cannot be read
   * @throws IllegalStateException if it is not a certificate
   */
  public X509Certificate readServerCertificate(TlsServerCertificate which) {
    Path file = serverCertificate(which);
    try (InputStream in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    } catch (CertificateException e) {
      throw new IllegalStateException("could not parse the certificate " + file, e);
    }
  }

  /** The server's private key (PEM, PKCS#8), the same for every {@link TlsServerCertificate}. */
  public Path serverKey() {
    return directory.resolve("server.key");
  }

  /** The client certificate (PEM) for mutual TLS, signed by the CA. */
  public Path clientCertificate() {
    return directory.resolve("client.crt");
  }

  /** The client's private key (PEM, PKCS#8). */
  public Path clientKey() {
    return directory.resolve("client.key");
  }

  /** A PKCS#12 key store holding the client key and certificate (alias {@code client}). */
  public Path clientKeyStoreFile() {
    return directory.resolve("client.p12");
  }

  /** The key store of {@link #clientKeyStoreFile()}, loaded. */
  public KeyStore clientKeyStore() {
    return load(clientKeyStoreFile());
  }

  /** A CA certificate (PEM) that signed nothing here: trusting only it must fail verification. */
  public Path wrongCaCertificate() {
    return directory.resolve("wrong-ca.crt");
  }

  /** A PKCS#12 trust store holding only the wrong CA. */
  public Path wrongTrustStoreFile() {
    return directory.resolve("wrong-ca.p12");
  }

  /** The trust store of {@link #wrongTrustStoreFile()}, loaded. */
  public KeyStore wrongTrustStore() {
    return load(wrongTrustStoreFile());
  }

  /**
   * The password of every PKCS#12 store here (and of the client key entry). A new array each call.
   */
  public char[] storePassword() {
    return STORE_PASSWORD.toCharArray();
  }

  /**
   * A client context that trusts the CA and presents the client certificate: what the kit itself
   * uses to administer a TLS server.
   *
   * @throws IllegalStateException if the stores cannot be read
   */
  public SSLContext clientContext() {
    try {
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trustStore());
      return context(trust.getTrustManagers());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not build an SSL context from " + directory, e);
    }
  }

  /**
   * The context the kit administers a server presenting {@code served} with: {@link
   * #clientContext()} for the valid certificate; for a faulty one, a context that trusts exactly
   * that certificate (compared byte for byte, dates and names not checked), so the kit can still
   * talk to a server that every verifying client must refuse.
   */
  SSLContext adminContext(TlsServerCertificate served) {
    if (served == TlsServerCertificate.VALID) {
      return clientContext();
    }
    try {
      byte[] pinned = readServerCertificate(served).getEncoded();
      return context(new TrustManager[] {new PinnedTrustManager(pinned)});
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not build an SSL context from " + directory, e);
    }
  }

  private SSLContext context(TrustManager[] trust) throws GeneralSecurityException {
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(clientKeyStore(), storePassword());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), trust, null);
    return context;
  }

  private static KeyStore trustStoreOf(X509Certificate ca) throws GeneralSecurityException {
    KeyStore store = emptyStore();
    store.setCertificateEntry("ca", ca);
    return store;
  }

  private static KeyStore emptyStore() throws GeneralSecurityException {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      return store;
    } catch (IOException e) {
      throw new GeneralSecurityException("could not create an empty PKCS12 store", e);
    }
  }

  private static void writePem(Path file, Object item) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
        JcaPEMWriter pem = new JcaPEMWriter(out)) {
      pem.writeObject(item);
    }
  }

  private static void writeStore(Path file, KeyStore store)
      throws IOException, GeneralSecurityException {
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, STORE_PASSWORD.toCharArray());
    }
  }

  private static KeyStore load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, STORE_PASSWORD.toCharArray());
      return store;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not load the key store " + file, e);
    }
  }

  @Override
  public String toString() {
    return "TlsMaterial[" + directory + "]";
  }
}
