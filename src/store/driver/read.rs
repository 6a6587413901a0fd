//! A read described by a table module and run by a view, alone or together
//! with others. A screen such as the open job asks a dozen small questions
//! once it knows the job's id; one after another on the server that is a
//! dozen round trips. Described as [`Read`]s and run together
//! (`Tx::together`), they go to the server at once and come back in one round
//! trip (pipelining, store/pg/client.rs); on SQLite, where a question costs
//! no trip, they simply run in turn. A table module keeps its SQL and its row
//! mapping in one place: its plain function runs its own `Read`. Tests:
//! tests/core/store/together.rs (both backends), and every view that uses it.

use super::{id_chunks, DbRow, Params, Rows, Sql, SqlError, SqlResult, Value, ValueRef};

type Shape<'a, T> = Box<dyn FnOnce(&mut Rows<'_>) -> SqlResult<T> + 'a>;

/// One query with its parameters and what its rows become.
pub struct Read<'a, T> {
    sql: String,
    params: Vec<Value>,
    shape: Shape<'a, T>,
}

impl<'a, R: 'a> Read<'a, Vec<R>> {
    /// Every row, mapped.
    pub fn all(
        sql: impl Into<String>,
        params: impl Params,
        mut map: impl FnMut(&DbRow<'_>) -> SqlResult<R> + 'a,
    ) -> Self {
        Read::new(sql, params, move |rows| {
            let mut out = Vec::new();
            while let Some(r) = rows.next()? {
                out.push(map(&r)?);
            }
            Ok(out)
        })
    }
}

/// Every row of a query over `ids`, one query per chunk of them
/// (`id_chunks`: lists of 8, 16 … 256 placeholders): `sql` is given a chunk's
/// placeholders, `before` the parameters ahead of the ids.
pub fn of_ids<'a, R: 'a>(
    ids: &[i64],
    before: &[Value],
    sql: impl Fn(&str) -> String,
    map: impl FnMut(&DbRow<'_>) -> SqlResult<R> + Clone + 'a,
) -> impl Reads<Out = Vec<R>> + 'a {
    id_chunks(ids, before)
        .into_iter()
        .map(|c| Read::all(sql(&c.placeholders), c.values, map.clone()))
        .collect::<Vec<_>>()
        .then(|chunks| Ok(chunks.into_iter().flatten().collect()))
}

impl<'a, R: 'a> Read<'a, Option<R>> {
    /// The first row, mapped, if there is one.
    pub fn first(
        sql: impl Into<String>,
        params: impl Params,
        map: impl FnOnce(&DbRow<'_>) -> SqlResult<R> + 'a,
    ) -> Self {
        Read::new(sql, params, move |rows| {
            rows.next()?.map(|r| map(&r)).transpose()
        })
    }
}

impl<'a, R: 'a> Read<'a, R> {
    /// The first row, mapped; no row is [`SqlError::NoRows`].
    pub fn one(
        sql: impl Into<String>,
        params: impl Params,
        map: impl FnOnce(&DbRow<'_>) -> SqlResult<R> + 'a,
    ) -> Self {
        Read::new(sql, params, move |rows| match rows.next()? {
            Some(r) => map(&r),
            None => Err(SqlError::NoRows),
        })
    }
}

impl<'a, T: 'a> Read<'a, T> {
    fn new(
        sql: impl Into<String>,
        params: impl Params,
        shape: impl FnOnce(&mut Rows<'_>) -> SqlResult<T> + 'a,
    ) -> Self {
        Read {
            sql: sql.into(),
            params: params.values().into_iter().map(ValueRef::owned).collect(),
            shape: Box::new(shape),
        }
    }
}

/// Reads that run together: one [`Read`], a tuple of them (or of tuples),
/// a list of one kind (a history's jobs), one that is asked only sometimes
/// (an `Option`: a search asks for a phone only when the query is one), or
/// any of these with what their answers become ([`Reads::then`]).
pub trait Reads: Sized {
    type Out;

    /// The queries, in the order their answers are taken.
    fn requests<'s>(&'s self, out: &mut Vec<(&'s str, &'s [Value])>);

    /// The answers, taken in order from `answers`.
    fn answered(self, answers: &mut Answers) -> SqlResult<Self::Out>;

    /// Runs them one after another (a file, where a query costs no trip).
    fn in_turn(self, sql: Sql<'_>) -> SqlResult<Self::Out>;

    /// Runs them: on the server every query goes at once.
    fn run(self, sql: Sql<'_>) -> SqlResult<Self::Out> {
        self.run_on(sql, false)
    }

    /// Runs them as [`Reads::run`]; on the server, in a read transaction,
    /// every other one on a second connection reading in the same snapshot,
    /// so two server processes work on them at once (pg/client/second.rs).
    fn run_shared(self, sql: Sql<'_>) -> SqlResult<Self::Out> {
        self.run_on(sql, true)
    }

    #[doc(hidden)]
    fn run_on(self, sql: Sql<'_>, shared: bool) -> SqlResult<Self::Out> {
        let Sql::Pg(run) = sql else {
            return self.in_turn(sql);
        };
        let rows = {
            let mut requests = Vec::new();
            self.requests(&mut requests);
            let params: Vec<Vec<ValueRef<'_>>> = requests
                .iter()
                .map(|(_, p)| p.iter().map(Value::as_ref).collect())
                .collect();
            if shared {
                debug_assert!(
                    !requests.iter().any(|(sql, _)| *sql == PLAN_EACH_TIME),
                    "planned_each_time is for reads on one connection"
                );
                let queries: Vec<_> = requests
                    .iter()
                    .zip(&params)
                    .map(|((sql, _), p)| (*sql, p.as_slice()))
                    .collect();
                run.query_shared(&queries)?
            } else {
                let mut queries = Vec::with_capacity(requests.len());
                for ((sql, _), p) in requests.iter().zip(&params) {
                    queries.push((run.statement(sql)?, p.as_slice()));
                }
                run.query_many(&queries)?
            }
        };
        self.answered(&mut Answers(rows.into_iter()))
    }

    /// What the answers become once read (parts put together, a total).
    fn then<U, F: FnOnce(Self::Out) -> SqlResult<U>>(self, f: F) -> Then<Self, F> {
        Then(self, f)
    }
}

/// A read whose best plan on the server depends on the values it is given
/// (a text searched for anywhere: `ILIKE` on the trigram index for a rare
/// pattern, a different plan for a common one), asked inside a lookup
/// transaction (store/mod.rs `lookup_tx`), whose other statements the
/// server plans once. On the server it is sent between two settings of
/// `plan_cache_mode` for this transaction: planned for its values, then the
/// transaction's reads after it planned once again. On SQLite it is just the
/// read. For `Tx::together` only: the shared reads of `together_shared` are
/// split over two connections, and the settings would not go with them.
/// Tests: tests/core/store/pg_plans.rs (the search's text read).
pub fn planned_each_time<R: Reads>(read: R) -> PlannedEachTime<R> {
    PlannedEachTime(read)
}

pub struct PlannedEachTime<R>(R);

const PLAN_EACH_TIME: &str = "SET LOCAL plan_cache_mode = force_custom_plan";
const PLAN_ONCE: &str = "SET LOCAL plan_cache_mode = force_generic_plan";

impl<R: Reads> Reads for PlannedEachTime<R> {
    type Out = R::Out;

    fn requests<'s>(&'s self, out: &mut Vec<(&'s str, &'s [Value])>) {
        out.push((PLAN_EACH_TIME, &[]));
        self.0.requests(out);
        out.push((PLAN_ONCE, &[]));
    }

    fn answered(self, answers: &mut Answers) -> SqlResult<R::Out> {
        answers.next()?;
        let out = self.0.answered(answers)?;
        answers.next()?;
        Ok(out)
    }

    fn in_turn(self, sql: Sql<'_>) -> SqlResult<R::Out> {
        self.0.in_turn(sql)
    }
}

/// The server's answers, one query's rows at a time.
pub struct Answers(std::vec::IntoIter<Vec<Vec<Value>>>);

impl Answers {
    fn next(&mut self) -> SqlResult<Vec<Vec<Value>>> {
        self.0.next().ok_or_else(|| {
            SqlError::Convert("the server answered fewer queries than were sent".into())
        })
    }
}

impl<T> Reads for Read<'_, T> {
    type Out = T;

    fn requests<'s>(&'s self, out: &mut Vec<(&'s str, &'s [Value])>) {
        out.push((&self.sql, &self.params));
    }

    fn answered(self, answers: &mut Answers) -> SqlResult<T> {
        (self.shape)(&mut Rows::Pg(answers.next()?.into_iter(), None))
    }

    fn in_turn(self, sql: Sql<'_>) -> SqlResult<T> {
        let mut st = sql.prepare_cached(&self.sql)?;
        let mut rows = st.query(self.params)?;
        (self.shape)(&mut rows)
    }
}

/// Reads and what their answers become.
pub struct Then<R, F>(R, F);

impl<R: Reads, U, F: FnOnce(R::Out) -> SqlResult<U>> Reads for Then<R, F> {
    type Out = U;

    fn requests<'s>(&'s self, out: &mut Vec<(&'s str, &'s [Value])>) {
        self.0.requests(out);
    }

    fn answered(self, answers: &mut Answers) -> SqlResult<U> {
        (self.1)(self.0.answered(answers)?)
    }

    fn in_turn(self, sql: Sql<'_>) -> SqlResult<U> {
        (self.1)(self.0.in_turn(sql)?)
    }
}

macro_rules! reads {
    ($($r:ident $t:ident),+) => {
        impl<$($t: Reads),+> Reads for ($($t,)+) {
            type Out = ($($t::Out,)+);

            fn requests<'s>(&'s self, out: &mut Vec<(&'s str, &'s [Value])>) {
                let ($($r,)+) = self;
                $($r.requests(out);)+
            }

            fn answered(self, answers: &mut Answers) -> SqlResult<Self::Out> {
                let ($($r,)+) = self;
                Ok(($($r.answered(answers)?,)+))
            }

            fn in_turn(self, sql: Sql<'_>) -> SqlResult<Self::Out> {
                let ($($r,)+) = self;
                Ok(($($r.in_turn(sql)?,)+))
            }
        }
    };
}

reads!(a A, b B);
reads!(a A, b B, c C);
reads!(a A, b B, c C, d D);
reads!(a A, b B, c C, d D, e E);
reads!(a A, b B, c C, d D, e E, f F);
reads!(a A, b B, c C, d D, e E, f F, g G);
reads!(a A, b B, c C, d D, e E, f F, g G, h H);

impl<R: Reads> Reads for Vec<R> {
    type Out = Vec<R::Out>;

    fn requests<'s>(&'s self, out: &mut Vec<(&'s str, &'s [Value])>) {
        for r in self {
            r.requests(out);
        }
    }

    fn answered(self, answers: &mut Answers) -> SqlResult<Self::Out> {
        self.into_iter().map(|r| r.answered(answers)).collect()
    }

    fn in_turn(self, sql: Sql<'_>) -> SqlResult<Self::Out> {
        self.into_iter().map(|r| r.in_turn(sql)).collect()
    }
}

impl<R: Reads> Reads for Option<R> {
    type Out = Option<R::Out>;

    fn requests<'s>(&'s self, out: &mut Vec<(&'s str, &'s [Value])>) {
        if let Some(r) = self {
            r.requests(out);
        }
    }

    fn answered(self, answers: &mut Answers) -> SqlResult<Self::Out> {
        self.map(|r| r.answered(answers)).transpose()
    }

    fn in_turn(self, sql: Sql<'_>) -> SqlResult<Self::Out> {
        self.map(|r| r.in_turn(sql)).transpose()
    }
}
