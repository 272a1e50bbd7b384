package dev.mpredis.testkit;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Makes the test kit's keys and certificates (Bouncy Castle): a CA, and leaves it signs. */
final class Certificates {

  /** How long a certificate of the kit is valid, from an hour before it is made. */
  static final Duration VALIDITY = Duration.ofDays(1);

  private Certificates() {}

  static KeyPair newKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
    return generator.generateKeyPair();
  }

  static X509Certificate caCertificate(String name, KeyPair keys)
      throws GeneralSecurityException, IOException, OperatorCreationException {
    X500Name subject = new X500Name(name);
    Instant now = Instant.now();
    X509v3CertificateBuilder builder =
        builder(subject, subject, keys, now.minus(Duration.ofHours(1)), now.plus(VALIDITY));
    JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    builder.addExtension(
        Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    builder.addExtension(
        Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
    return sign(builder, keys.getPrivate());
  }

  static X509Certificate serverCertificate(
      String commonName,
      GeneralNames names,
      KeyPair keys,
      X509Certificate ca,
      KeyPair caKeys,
      Instant validFrom,
      Instant validUntil)
      throws GeneralSecurityException, IOException, OperatorCreationException {
    return leafCertificate(
        "CN=" + commonName,
        keys,
        ca,
        caKeys,
        KeyPurposeId.id_kp_serverAuth,
        names,
        validFrom,
        validUntil);
  }

  static X509Certificate leafCertificate(
      String name,
      KeyPair keys,
      X509Certificate issuer,
      KeyPair issuerKeys,
      KeyPurposeId purpose,
      GeneralNames alternativeNames,
      Instant validFrom,
      Instant validUntil)
      throws GeneralSecurityException, IOException, OperatorCreationException {
    X500Name issuerName = X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
    X509v3CertificateBuilder builder =
        builder(issuerName, new X500Name(name), keys, validFrom, validUntil);
    JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
    builder.addExtension(
        Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuer));
    if (alternativeNames != null) {
      builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames);
    }
    return sign(builder, issuerKeys.getPrivate());
  }

  private static X509v3CertificateBuilder builder(
      X500Name issuer, X500Name subject, KeyPair keys, Instant validFrom, Instant validUntil) {
    return new JcaX509v3CertificateBuilder(
        issuer,
        new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE),
        Date.from(validFrom),
        Date.from(validUntil),
        subject,
        keys.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
      throws GeneralSecurityException, OperatorCreationException {
    return new JcaX509CertificateConverter()
        .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
  }
}
