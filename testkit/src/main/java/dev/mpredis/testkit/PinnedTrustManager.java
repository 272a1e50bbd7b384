package dev.mpredis.testkit;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.X509TrustManager;

/**
 * Trusts one server certificate, byte for byte, whatever its dates and names; trusts no client.
 * Used only by the kit's own administration of servers presenting a faulty certificate.
 */
final class PinnedTrustManager implements X509TrustManager {
  private final byte[] pinned;

  PinnedTrustManager(byte[] pinned) {
    this.pinned = pinned;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    if (chain == null || chain.length == 0 || !Arrays.equals(chain[0].getEncoded(), pinned)) {
      throw new CertificateException("the server did not present the certificate the kit made");
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("the kit's admin context trusts no client");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
