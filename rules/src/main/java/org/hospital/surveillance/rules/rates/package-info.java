/** Rate arithmetic shared by every indicator: exact decimal rounding and empty denominators. */
package org.hospital.surveillance.rules.rates;
